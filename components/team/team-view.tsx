"use client";

// Omnichannel › Team: everyone who can sign in, with role, status, load and groups; search
// by name or email, filter by role or group, act on several people at once; create
// users. Presence and group signals refresh it.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { fetchJson } from "@/components/ui/fetch-json";
import { managerUrls } from "@/components/groups/manager-queries";
import { queryKeys } from "@/lib/realtime/query-keys";
import { Notice } from "@/components/ui/field";
import { useI18n } from "@/components/i18n-provider";
import { Table } from "@/components/ui/table";
import { useRealtimeSignal } from "@/components/realtime-provider";
import type { TeamMember } from "@/lib/team";
import { CreateUserForm } from "./create-user-form";
import { BulkBar } from "./bulk-bar";
import { TeamFilters, matchesFilters, NO_FILTERS, type Filters } from "./team-filters";
import { TEAM_COLUMNS, TeamRow } from "./team-row";

export function TeamView({ initial, myId, allGroups }: { initial: TeamMember[]; myId: number; allGroups: { id: number; name: string }[] }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const { data: team = initial } = useQuery({
    queryKey: queryKeys.team,
    queryFn: () => fetchJson<TeamMember[]>(managerUrls.team),
    initialData: initial,
  });
  useRealtimeSignal((signal) => {
    if (signal.type === "presence.changed" || signal.type === "group.changed" || signal.type === "conversation.changed") {
      void queryClient.invalidateQueries({ queryKey: queryKeys.team });
    }
  });
  const shown = useMemo(() => team.filter((member) => matchesFilters(member, filters)), [team, filters]);
  // Only people still shown stay selected: a bulk action never reaches someone filtered away.
  const chosen = shown.filter((member) => selected.has(member.id) && member.id !== myId);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.team });
  const done = async (message: string) => {
    setNotice({ tone: "success", text: message });
    await refresh();
  };
  const select = (id: number, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const selectable = shown.filter((m) => m.id !== myId);
  const allChosen = selectable.length > 0 && chosen.length === selectable.length;

  return (
    <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="flex min-w-0 flex-col gap-3">
        <TeamFilters filters={filters} onChange={setFilters} allGroups={allGroups} shown={shown.length} total={team.length} />
        {notice && (
          <Notice tone={notice.tone} testId="team-notice">
            {notice.text}
          </Notice>
        )}
        {chosen.length > 0 && (
          <BulkBar
            chosen={chosen}
            allGroups={allGroups}
            onClear={() => setSelected(new Set())}
            onFinished={async (message, tone) => {
              setNotice({ tone, text: message });
              setSelected(new Set());
              await refresh();
            }}
          />
        )}
        <label className="flex items-center gap-2 px-1 text-xs text-slate-600">
          <input
            type="checkbox"
            className="h-4 w-4 accent-brand-600"
            checked={allChosen}
            disabled={selectable.length === 0}
            onChange={(e) => setSelected(e.target.checked ? new Set(selectable.map((m) => m.id)) : new Set())}
          />
          {t("team.selectAll")}
        </label>
        {shown.length === 0 ? (
          <Notice tone="info" testId="team-none">
            {t("team.filter.none")}
          </Notice>
        ) : (
          <Table columns={TEAM_COLUMNS} headings={["", t("team.col.name"), t("team.col.status"), t("team.col.load"), t("team.col.groups")]}>
            {shown.map((member) => (
              <TeamRow
                key={member.id}
                member={member}
                isMe={member.id === myId}
                allGroups={allGroups}
                selected={selected.has(member.id)}
                onSelect={(on) => select(member.id, on)}
                onDone={done}
              />
            ))}
          </Table>
        )}
      </div>
      <CreateUserForm onCreated={done} />
    </div>
  );
}
