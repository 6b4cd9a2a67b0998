"use client";

// Who changed what in the group, newest first: settings (old → new), members, numbers.
import { useQuery } from "@tanstack/react-query";
import { timeAgo } from "@/components/ui/duration";
import { useNow } from "@/components/ui/use-now";
import { useI18n } from "@/components/i18n-provider";
import { EmptyState } from "@/components/ui/empty-state";
import type { HistoryEntry } from "@/lib/groups";
import type { MessageKey } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n/translate";
import { describeChanges } from "./describe-change";
import { cardClass } from "@/components/ui/field";
import { fetchJson } from "@/components/ui/fetch-json";
import { managerUrls } from "@/components/groups/manager-queries";
import { queryKeys } from "@/lib/realtime/query-keys";

const PHRASES: Record<string, MessageKey> = {
  "group.created": "groups.history.group.created",
  "group.updated": "groups.history.group.updated",
  "member.added": "groups.history.member.added",
  "member.removed": "groups.history.member.removed",
  "member.cap": "groups.history.member.cap",
  "channel.added": "groups.history.channel.added",
  "channel.moved": "groups.history.channel.moved",
  "channel.deactivated": "groups.history.channel.deactivated",
  "channel.activated": "groups.history.channel.activated",
  "channel.token_set": "groups.history.channel.token_set",
  "channel.menu_set": "groups.history.channel.menu_set",
  // Canned replies record their action alone (create, update, delete).
  "canned_reply.create": "groups.history.canned.create",
  "canned_reply.update": "groups.history.canned.update",
  "canned_reply.delete": "groups.history.canned.delete",
};
// The entries whose sentence says it all.
const NO_DETAILS = new Set(["member.added", "channel.deactivated", "channel.activated", "channel.token_set"]);

function phrase(t: Translate, entry: HistoryEntry): string {
  const member = entry.changes.member;
  const name = ((member?.to ?? member?.from) as { name?: string } | null)?.name ?? "";
  const key = PHRASES[entry.action] ?? PHRASES[`${entry.entity}.${entry.action}`] ?? "groups.history.other";
  return t(key, { name, number: entry.subject ?? "", shortcut: entry.subject ?? "" });
}

export function GroupHistory({ groupId, initial }: { groupId: number; initial: HistoryEntry[] }) {
  const { t, locale } = useI18n();
  const now = useNow();
  const { data: entries = initial } = useQuery({
    queryKey: queryKeys.groupHistory(groupId),
    queryFn: () => fetchJson<HistoryEntry[]>(managerUrls.groupHistory(groupId)),
    initialData: initial,
  });

  return (
    <section className={`${cardClass} flex flex-col gap-3`} aria-labelledby="history-title" data-testid="group-history">
      <h2 id="history-title" className="text-base font-semibold">
        {t("groups.history.title")}
      </h2>
      {entries.length === 0 ? (
        <EmptyState>{t("groups.history.empty")}</EmptyState>
      ) : (
        <ol className="flex flex-col gap-3">
          {entries.map((entry) => {
            const creation = entry.action.endsWith(".created") || entry.action.endsWith(".added");
            const lines = NO_DETAILS.has(entry.action) ? [] : describeChanges(t, entry.changes);
            return (
              <li key={entry.id} className="border-l-2 border-slate-200 pl-3" data-testid="history-entry">
                <p className="text-sm text-slate-800">
                  <span className="font-semibold">{entry.actorName ?? t("groups.history.someone")}</span> {phrase(t, entry)}
                </p>
                {lines.map((line) => (
                  <p key={line.field} className="text-xs text-slate-600">
                    {line.label}:{" "}
                    {creation ? (
                      <span className="font-medium text-slate-800">{line.to}</span>
                    ) : (
                      <>
                        {line.from} → <span className="font-medium text-slate-800">{line.to}</span>
                      </>
                    )}
                  </p>
                ))}
                <p className="mt-0.5 text-xs text-slate-500">
                  <time dateTime={entry.at} title={new Date(entry.at).toLocaleString(locale)} suppressHydrationWarning>
                    {timeAgo(entry.at, now, t)}
                  </time>
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
