"use client";

// Omnichannel › Canned replies: the list (shortcut, where it is available, text), a form
// to add one, and per reply edit and delete. The server validates (unknown variables
// are refused) and audits; the canned_replies.changed signal refreshes every tab.
import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { createCanned, deleteCanned, updateCanned } from "@/app/actions/canned-replies";
import { useI18n } from "@/components/i18n-provider";
import { useCannedReplies } from "@/components/inbox/tool-queries";
import { describeActionError } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { cardClass, describedBy, FormField, inputClass, NamedOptions, Notice } from "@/components/ui/field";
import type { CannedReplyView } from "@/lib/canned-replies/canned-replies";
import type { ActionError } from "@/lib/errors";
import type { VisibleGroup } from "@/lib/inbox/types";
import { queryKeys } from "@/lib/realtime/query-keys";

export function CannedRepliesView({ initial, groups }: { initial: CannedReplyView[]; groups: VisibleGroup[] }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const list = useCannedReplies();
  const replies = list.data ?? initial;
  const [editing, setEditing] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = async (message: string) => {
    setNotice(message);
    setEditing(null);
    await queryClient.invalidateQueries({ queryKey: queryKeys.cannedReplies });
  };

  return (
    <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="flex min-w-0 flex-col gap-3">
        {notice && <Notice tone="success" testId="canned-notice">{notice}</Notice>}
        {replies.length === 0 && (
          <div className={cardClass}>
            <EmptyState title={t("canned.empty")} />
          </div>
        )}
        <ul className="flex flex-col gap-3" data-testid="canned-list">
          {replies.map((reply) =>
            editing === reply.id ? (
              <li key={reply.id} className={cardClass}>
                <CannedForm groups={groups} reply={reply} onDone={() => done(t("canned.saved"))} onCancel={() => setEditing(null)} />
              </li>
            ) : (
              <CannedRow key={reply.id} reply={reply} onEdit={() => setEditing(reply.id)} onDeleted={() => done(t("canned.deleted"))} />
            ),
          )}
        </ul>
      </div>
      <section className={cardClass} aria-labelledby="canned-new">
        <h2 id="canned-new" className="mb-3 text-base font-semibold">
          {t("canned.new")}
        </h2>
        <CannedForm key={replies.length} groups={groups} onDone={() => done(t("canned.saved"))} />
      </section>
    </div>
  );
}

function CannedRow({ reply, onEdit, onDeleted }: { reply: CannedReplyView; onEdit: () => void; onDeleted: () => void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, start] = useTransition();
  return (
    <li className={`${cardClass} flex flex-col gap-2`} data-testid="canned-row" data-shortcut={reply.shortcut}>
      <div className="flex flex-wrap items-center gap-2">
        <code className="rounded bg-slate-100 px-1.5 py-0.5 text-sm font-semibold text-slate-800">/{reply.shortcut}</code>
        <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-800">{reply.groupName ?? t("canned.scope.global")}</span>
        <span className="ml-auto flex gap-2">
          <Button kind="secondary" size="sm" onClick={onEdit}>
            {t("canned.edit")}
          </Button>
          <Button kind="danger" size="sm" onClick={() => setConfirming(true)}>
            {t("canned.delete")}
          </Button>
        </span>
      </div>
      <p className="text-sm whitespace-pre-wrap text-slate-700">{reply.body}</p>
      {confirming && (
        <div className="flex flex-wrap items-center gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" role="alertdialog" aria-label={t("canned.delete")}>
          <span className="flex-1">{t("canned.confirmDelete", { shortcut: reply.shortcut })}</span>
          <Button
            kind="dangerSolid"
            size="sm"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const result = await deleteCanned({ id: reply.id });
                if (result.ok) onDeleted();
                else setError(result.error);
              })
            }
          >
            {t("canned.delete")}
          </Button>
          <Button kind="secondary" size="sm" onClick={() => setConfirming(false)}>
            {t("common.cancel")}
          </Button>
        </div>
      )}
      {error && <Notice tone="error">{describeActionError(error, t).message}</Notice>}
    </li>
  );
}

function CannedForm({ groups, reply, onDone, onCancel }: { groups: VisibleGroup[]; reply?: CannedReplyView; onDone: () => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? "");
  const [groupId, setGroupId] = useState(reply?.groupId ? String(reply.groupId) : "");
  const [body, setBody] = useState(reply?.body ?? "");
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, start] = useTransition();
  const failure = error ? describeActionError(error, t) : null;
  const prefix = reply ? `canned-${reply.id}` : "canned";

  return (
    <form
      className="flex flex-col gap-3"
      data-testid={reply ? "canned-edit-form" : "canned-form"}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const input = { groupId, shortcut, body };
          const result = reply ? await updateCanned({ id: reply.id, ...input }) : await createCanned(input);
          if (!result.ok) return setError(result.error);
          setError(null);
          onDone();
        });
      }}
    >
      <FormField id={`${prefix}-shortcut`} label={t("canned.shortcut")} error={failure?.fields.shortcut}>
        <div className="flex items-center gap-1">
          <span className="text-slate-500">/</span>
          <input {...describedBy(`${prefix}-shortcut`, failure?.fields.shortcut, false)} className={inputClass} value={shortcut} onChange={(e) => setShortcut(e.target.value)} />
        </div>
      </FormField>
      <FormField id={`${prefix}-group`} label={t("canned.scope")} error={failure?.fields.groupId}>
        <select {...describedBy(`${prefix}-group`, failure?.fields.groupId, false)} className={inputClass} value={groupId} onChange={(e) => setGroupId(e.target.value)}>
          <option value="">{t("canned.scope.global")}</option>
          <NamedOptions items={groups} />
        </select>
      </FormField>
      <FormField id={`${prefix}-body`} label={t("canned.body")} hint={t("canned.bodyHint")} error={failure?.fields.body}>
        <textarea {...describedBy(`${prefix}-body`, failure?.fields.body)} rows={4} className={inputClass} value={body} onChange={(e) => setBody(e.target.value)} />
      </FormField>
      {failure && Object.keys(failure.fields).length === 0 && <Notice tone="error">{failure.message}</Notice>}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending} data-testid="canned-save">
          {reply ? t("canned.save") : t("canned.create")}
        </Button>
        {onCancel && (
          <Button kind="secondary" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}
