"use client";

import { useI18n } from "@/components/i18n-provider";
import { EmptyState } from "@/components/ui/empty-state";
import type { GroupDetails } from "@/lib/groups";
import { AddChannelForm } from "./add-channel-form";
import { ChannelRow } from "./channel-row";
import { cardClass } from "@/components/ui/field";

/** The group's WhatsApp numbers, and a form to add one. */
export function ChannelsPanel({ details }: { details: GroupDetails }) {
  const { t } = useI18n();
  const allGroups = [{ id: details.group.id, name: details.group.name }, ...details.otherGroups];
  return (
    <section className={`${cardClass} flex flex-col gap-3`} aria-labelledby="channels-title" data-testid="channels-panel">
      <h2 id="channels-title" className="text-base font-semibold">
        {t("groups.channels.title")}
      </h2>
      {details.channels.length === 0 ? (
        <EmptyState>{t("groups.channels.empty")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {details.channels.map((channel) => (
            <ChannelRow key={channel.id} channel={channel} otherGroups={details.otherGroups} groups={allGroups} />
          ))}
        </ul>
      )}
      <AddChannelForm groupId={details.group.id} />
    </section>
  );
}
