"use client";

// The contact side panel: who the contact is (name, number or WhatsApp username / user
// id, first contact, conversation count) and what the team keeps about them (a display
// name and a note), saved with a server action that validates and audits.
import { useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useState, useTransition } from "react";
import { updateContact } from "@/app/actions/contacts";
import { useI18n } from "@/components/i18n-provider";
import { formatDateTime, formatPhone } from "@/components/inbox/format";
import { useContactPanel } from "@/components/inbox/tool-queries";
import { describeActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import { describedBy, FormField, inputClass, Notice } from "@/components/ui/field";
import type { ContactPanel as Contact } from "@/lib/contacts/contact-panel";
import type { ActionError } from "@/lib/errors";
import { queryKeys } from "@/lib/realtime/query-keys";

export function ContactPanel({ conversationId, onClose }: { conversationId: number; onClose: () => void }) {
  const { t } = useI18n();
  const contact = useContactPanel(conversationId);
  return (
    <aside aria-label={t("contact.panel.title")} className="flex h-full w-full flex-col overflow-y-auto bg-white" data-testid="contact-panel">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2.5">
        <h3 className="text-sm font-semibold">{t("contact.panel.title")}</h3>
        <Button kind="icon" size="sm" onClick={onClose} aria-label={t("contact.panel.hide")}>
          <X className="h-4 w-4" aria-hidden="true" />
        </Button>
      </div>
      {contact.data ? <ContactDetails key={contact.data.id} contact={contact.data} conversationId={conversationId} /> : <p className="p-4 text-sm text-slate-500">{t("common.loading")}</p>}
    </aside>
  );
}

function ContactDetails({ contact, conversationId }: { contact: Contact; conversationId: number }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(contact.displayName ?? "");
  const [note, setNote] = useState(contact.note ?? "");
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; error: ActionError } | null>(null);
  const [saving, startSaving] = useTransition();
  const failure = outcome && !outcome.ok ? describeActionError(outcome.error, t) : null;

  const facts: [string, string, string][] = [
    ...(contact.phone ? [[t("contact.panel.phone"), formatPhone(contact.phone), "phone"] as [string, string, string]] : []),
    ...(contact.username ? [[t("contact.panel.username"), contact.username, "username"] as [string, string, string]] : []),
    ...(!contact.phone && contact.userId ? [[t("contact.panel.userId"), contact.userId, "user-id"] as [string, string, string]] : []),
    ...(contact.profileName ? [[t("contact.panel.profileName"), contact.profileName, "profile-name"] as [string, string, string]] : []),
    [t("contact.panel.firstContact"), formatDateTime(contact.firstContactAt, locale), "first-contact"],
    [t("contact.panel.conversations"), String(contact.conversationCount), "conversation-count"],
  ];

  return (
    <div className="flex flex-col gap-4 p-4">
      <p className="text-base font-semibold break-words" data-testid="contact-name">
        {contact.name ?? formatPhone(contact.phone ?? contact.username ?? contact.userId ?? "")}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-xs">
        {facts.map(([label, value, id]) => (
          <div key={id} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="break-all text-slate-800" data-testid={`contact-${id}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          startSaving(async () => {
            const result = await updateContact({ conversationId, displayName, note });
            setOutcome(result.ok ? { ok: true } : result);
            if (result.ok) {
              setDisplayName(result.contact.displayName ?? "");
              setNote(result.contact.note ?? "");
              await queryClient.invalidateQueries({ queryKey: queryKeys.contacts });
              await queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
            }
          });
        }}
      >
        <FormField id="contact-display-name" label={t("contact.panel.displayName")} hint={t("contact.panel.displayNameHint")} error={failure?.fields.displayName}>
          <input {...describedBy("contact-display-name", failure?.fields.displayName)} className={inputClass} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </FormField>
        <FormField id="contact-note" label={t("contact.panel.note")} error={failure?.fields.note}>
          <textarea {...describedBy("contact-note", failure?.fields.note, false)} rows={4} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} />
        </FormField>
        {outcome?.ok && <Notice tone="success" testId="contact-saved">{t("contact.panel.saved")}</Notice>}
        {failure && Object.keys(failure.fields).length === 0 && <Notice tone="error">{failure.message}</Notice>}
        <Button type="submit" kind="secondary" disabled={saving} data-testid="contact-save">
          {t("contact.panel.save")}
        </Button>
      </form>
    </div>
  );
}
