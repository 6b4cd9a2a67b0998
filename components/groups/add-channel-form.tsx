"use client";

// A new WhatsApp number for the group: display number, Meta's phone-number ID and,
// optionally now, the access token (write-only: it is never shown again).
import { useState } from "react";
import { addChannelAction } from "@/app/actions/groups";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { describedBy, FormField, inputClass, Notice } from "@/components/ui/field";
import { describeActionError } from "@/components/ui/action-error";
import { useRefreshGroup } from "./use-refresh-group";

const EMPTY = { displayNumber: "", phoneNumberId: "", accessToken: "" };

export function AddChannelForm({ groupId }: { groupId: number }) {
  const { t } = useI18n();
  const refresh = useRefreshGroup(groupId);
  const [values, setValues] = useState(EMPTY);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const fields = error?.fields ?? {};
  const set = (field: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [field]: e.target.value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await addChannelAction({ groupId, ...values });
    setPending(false);
    if (!result.ok) return setError(describeActionError(result.error, t));
    setError(null);
    setValues(EMPTY);
    await refresh();
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200" noValidate data-testid="add-channel-form" aria-labelledby="add-channel-title">
      <h3 id="add-channel-title" className="text-sm font-semibold text-slate-700">
        {t("groups.channels.new")}
      </h3>
      <div className="grid gap-3 md:grid-cols-2">
        <FormField id="channel-display-number" label={t("groups.channels.displayNumber")} error={fields.displayNumber}>
          <input
            {...describedBy("channel-display-number", fields.displayNumber, false)}
            className={inputClass}
            inputMode="tel"
            placeholder={t("groups.channels.displayNumber.placeholder")}
            value={values.displayNumber}
            onChange={set("displayNumber")}
          />
        </FormField>
        <FormField id="channel-phone-number-id" label={t("groups.channels.phoneNumberId")} hint={t("groups.channels.phoneNumberId.hint")} error={fields.phoneNumberId}>
          <input {...describedBy("channel-phone-number-id", fields.phoneNumberId)} className={inputClass} inputMode="numeric" value={values.phoneNumberId} onChange={set("phoneNumberId")} />
        </FormField>
      </div>
      <FormField id="channel-access-token" label={t("groups.channels.accessToken")} hint={t("groups.channels.accessToken.hint")} error={fields.accessToken}>
        <input
          {...describedBy("channel-access-token", fields.accessToken)}
          className={inputClass}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={values.accessToken}
          onChange={set("accessToken")}
        />
      </FormField>
      {error && Object.keys(error.fields).length === 0 && <Notice tone="error">{error.message}</Notice>}
      <div className="flex justify-end">
        <Button kind="secondary" type="submit" disabled={pending}>
          {pending ? t("groups.channels.adding") : t("groups.channels.add")}
        </Button>
      </div>
    </form>
  );
}
