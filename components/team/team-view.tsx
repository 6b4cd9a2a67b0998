"use client";

// Omnichannel › Team: everyone who can sign in, with role, status, load and groups; create
// users, reset passwords, deactivate. Presence and group signals refresh it.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/components/ui/fetch-json";
import { managerUrls } from "@/components/groups/manager-queries";
import { queryKeys } from "@/lib/realtime/query-keys";
import { Notice } from "@/components/ui/field";
import { useI18n } from "@/components/i18n-provider";
import { Table } from "@/components/ui/table";
import { useRealtimeSignal } from "@/components/realtime-provider";
import type { TeamMember } from "@/lib/team";
import { CreateUserForm } from "./create-user-form";
import { TEAM_COLUMNS, TeamRow } from "./team-row";

export function TeamView({ initial, myId }: { initial: TeamMember[]; myId: number }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
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
  const done = async (message: string) => {
    setNotice(message);
    await queryClient.invalidateQueries({ queryKey: queryKeys.team });
  };

  return (
    <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="flex min-w-0 flex-col gap-3">
        {notice && (
          <Notice tone="success" testId="team-notice">
            {notice}
          </Notice>
        )}
        <Table columns={TEAM_COLUMNS} headings={[t("team.col.name"), t("team.col.status"), t("team.col.load"), t("team.col.groups")]}>
          {team.map((member) => (
            <TeamRow key={member.id} member={member} isMe={member.id === myId} onDone={done} />
          ))}
        </Table>
      </div>
      <CreateUserForm onCreated={done} />
    </div>
  );
}
