import { getDb } from "@/db/client";
import { GroupSettingsView } from "@/components/groups/group-settings-view";
import { readGroupHistory } from "@/lib/groups";
import { loadGroup } from "../load-group";

export const dynamic = "force-dynamic";

/** Omnichannel › Channel Groups › Settings: strategy, online-only, cap, welcome message, members, channels, history. */
export default async function GroupSettingsPage({ params }: { params: Promise<{ groupId: string }> }) {
  const loaded = await loadGroup((await params).groupId);
  if (!loaded) return null;
  const { user, groupId, details } = loaded;
  const history = await readGroupHistory(getDb(), user, groupId);
  return <GroupSettingsView initialDetails={details} initialHistory={history} />;
}
