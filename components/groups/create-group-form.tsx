"use client";

// A new group: its name and strategy; everything else is set in its Settings, where it opens.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createGroupAction } from "@/app/actions/groups";
import { useI18n } from "@/components/i18n-provider";
import { STRATEGIES, type Strategy } from "@/lib/groups/rules";
import { Button } from "@/components/ui/button";
import { cardClass, describedBy, FormField, inputClass, Notice } from "@/components/ui/field";
import { describeActionError } from "@/components/ui/action-error";
import { queryKeys } from "@/lib/realtime/query-keys";

export function CreateGroupForm() {
  const { t } = useI18n();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [strategy, setStrategy] = useState<Strategy>("manual");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await createGroupAction({ name, strategy });
    setPending(false);
    if (!result.ok) return setError(describeActionError(result.error, t));
    setError(null);
    await queryClient.invalidateQueries({ queryKey: queryKeys.groupList });
    router.push(`/omnichannel/channel-groups/${result.group.id}/settings`);
  }

  return (
    <form onSubmit={submit} className={`${cardClass} flex flex-col gap-4`} noValidate aria-labelledby="create-group-title">
      <h2 id="create-group-title" className="font-semibold">
        {t("groups.create.title")}
      </h2>
      <FormField id="new-group-name" label={t("groups.create.name")} error={error?.fields.name}>
        <input {...describedBy("new-group-name", error?.fields.name, false)} className={inputClass} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
      </FormField>
      <FormField id="new-group-strategy" label={t("groups.settings.strategy")} error={error?.fields.strategy}>
        <select {...describedBy("new-group-strategy", error?.fields.strategy, false)} className={inputClass} value={strategy} onChange={(e) => setStrategy(e.target.value as Strategy)}>
          {STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {t(`groups.strategy.${s}`)}
            </option>
          ))}
        </select>
      </FormField>
      {error && Object.keys(error.fields).length === 0 && <Notice tone="error">{error.message}</Notice>}
      <Button type="submit" disabled={pending}>
        {pending ? t("groups.create.creating") : t("groups.create.submit")}
      </Button>
    </form>
  );
}
