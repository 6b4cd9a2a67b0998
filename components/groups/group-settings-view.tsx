"use client";

// Omnichannel › Channel Groups › Settings: the settings form, members and numbers, and
// the history beside them. Another manager's change arrives as a signal and refreshes
// all of it.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import type { GroupDetails, HistoryEntry } from "@/lib/groups";
import type { GroupSettings } from "@/lib/groups/settings-fields";
import { BusinessHoursForm } from "./business-hours-form";
import { ChannelsPanel } from "./channels-panel";
import { GroupHistory } from "./group-history";
import { fetchJson } from "@/components/ui/fetch-json";
import type { CardNotice } from "@/components/ui/field";
import { managerUrls } from "@/components/groups/manager-queries";
import { queryKeys } from "@/lib/realtime/query-keys";
import { MembersPanel } from "./members-panel";
import { SaveNotice } from "./save-notice";
import { PlaceInLineForm } from "./place-in-line-form";
import { ServiceLevelsForm } from "./service-levels-form";
import { SettingsForm, type SaveOutcome } from "./settings-form";

export function GroupSettingsView({ initialDetails, initialHistory }: { initialDetails: GroupDetails; initialHistory: HistoryEntry[] }) {
  const { t } = useI18n();
  const groupId = initialDetails.group.id;
  const { data: details = initialDetails } = useQuery({
    queryKey: queryKeys.groupDetails(groupId),
    queryFn: () => fetchJson<GroupDetails>(managerUrls.groupDetails(groupId)),
    initialData: initialDetails,
  });
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  // Each card's "saved" stays after the save's refresh starts the card afresh.
  const [hoursNotice, setHoursNotice] = useState<CardNotice>(null);
  const [slaNotice, setSlaNotice] = useState<CardNotice>(null);
  const [placeNotice, setPlaceNotice] = useState<CardNotice>(null);
  // The answer of my last save. A read that started before it committed can still arrive
  // after it: the settings shown never go back to a version older than what I saved
  // (docs/behaviour.md#group-settings).
  const [saved, setSaved] = useState<GroupSettings | null>(null);
  const group = saved && saved.id === details.group.id && saved.version > details.group.version ? saved : details.group;
  const { version } = group;

  return (
    <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="flex min-w-0 flex-col gap-5">
        <h2 className="sr-only">{t("groups.tab.settings")}</h2>
        <SettingsForm
          // A new version of the settings (saved here or by someone else) starts the form afresh.
          key={version}
          group={group}
          members={details.members}
          queued={details.queued}
          onSaved={(settings, result) => {
            setSaved(settings);
            setOutcome(result);
          }}
          notice={outcome && <SaveNotice outcome={outcome} onClose={() => setOutcome(null)} />}
        />
        <BusinessHoursForm key={JSON.stringify([group.businessHours, group.outOfHoursMessage])} group={group} notice={hoursNotice} onNotice={setHoursNotice} />
        <ServiceLevelsForm
          key={JSON.stringify([group.firstResponseTargetMinutes, group.resolutionTargetMinutes])}
          group={group}
          notice={slaNotice}
          onNotice={setSlaNotice}
        />
        <PlaceInLineForm
          key={JSON.stringify([group.tellQueuePosition, group.queuePositionEveryMinutes, group.queuePositionMaxMessages, group.queuePositionMessagePt, group.queuePositionMessageEn])}
          group={group}
          notice={placeNotice}
          onNotice={setPlaceNotice}
        />
        <MembersPanel details={details} />
        <ChannelsPanel details={details} />
      </div>
      <div className="lg:sticky lg:top-4">
        <GroupHistory groupId={groupId} initial={initialHistory} />
      </div>
    </div>
  );
}
