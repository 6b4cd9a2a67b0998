"use client";

// A new agent or manager: name, email, role and an initial password (hashed on the server).
import { useState } from "react";
import { createUserAction } from "@/app/actions/team";
import { Button } from "@/components/ui/button";
import { cardClass, describedBy, FormField, inputClass, Notice } from "@/components/ui/field";
import { describeActionError } from "@/components/ui/action-error";
import { useI18n } from "@/components/i18n-provider";

const EMPTY = { name: "", email: "", role: "agent" as "agent" | "manager", password: "" };

export function CreateUserForm({ onCreated }: { onCreated: (message: string) => Promise<void> }) {
  const { t } = useI18n();
  const [values, setValues] = useState(EMPTY);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const fields = error?.fields ?? {};
  const set = (field: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await createUserAction(values);
    setPending(false);
    if (!result.ok) return setError(describeActionError(result.error, t));
    setError(null);
    setValues(EMPTY);
    await onCreated(t("team.create.done", { name: result.user.name, email: result.user.email }));
  }

  return (
    <form onSubmit={submit} className={`${cardClass} flex flex-col gap-4`} noValidate aria-labelledby="create-user-title" data-testid="create-user-form">
      <h2 id="create-user-title" className="font-semibold">
        {t("team.create.title")}
      </h2>
      <FormField id="user-name" label={t("team.create.name")} error={fields.name}>
        <input {...describedBy("user-name", fields.name, false)} className={inputClass} autoComplete="off" value={values.name} onChange={set("name")} />
      </FormField>
      <FormField id="user-email" label={t("team.create.email")} error={fields.email}>
        <input {...describedBy("user-email", fields.email, false)} className={inputClass} type="email" autoComplete="off" value={values.email} onChange={set("email")} />
      </FormField>
      <FormField id="user-role" label={t("team.create.role")} error={fields.role}>
        <select {...describedBy("user-role", fields.role, false)} className={inputClass} value={values.role} onChange={set("role")}>
          <option value="agent">{t("user.role.agent")}</option>
          <option value="manager">{t("user.role.manager")}</option>
        </select>
      </FormField>
      <FormField id="user-password" label={t("team.create.password")} hint={t("team.create.password.hint")} error={fields.password}>
        <input {...describedBy("user-password", fields.password)} className={inputClass} type="password" autoComplete="new-password" value={values.password} onChange={set("password")} />
      </FormField>
      {error && Object.keys(error.fields).length === 0 && <Notice tone="error">{error.message}</Notice>}
      <Button type="submit" disabled={pending}>
        {pending ? t("team.create.creating") : t("team.create.submit")}
      </Button>
    </form>
  );
}
