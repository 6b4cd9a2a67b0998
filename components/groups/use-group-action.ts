"use client";

// Runs one of a group's server actions from a panel: busy while it runs, the refusal
// (first field message, else the message) to show, and a refetch of what changed.
import { useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import type { ActionResult } from "@/lib/errors";
import { describeActionError } from "@/components/ui/action-error";
import { useRefreshGroup } from "./use-refresh-group";

export function useGroupAction(groupId: number) {
  const { t } = useI18n();
  const refresh = useRefreshGroup(groupId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<ActionResult>, after?: () => void, ...alsoRefresh: number[]) {
    setBusy(true);
    const result = await action();
    setBusy(false);
    if (!result.ok) {
      const described = describeActionError(result.error, t);
      return setError(Object.values(described.fields)[0] ?? described.message);
    }
    setError(null);
    after?.();
    await refresh(...alsoRefresh);
  }

  return { busy, error, run };
}
