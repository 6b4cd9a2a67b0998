import { redirect } from "next/navigation";
import { Suspense } from "react";
import { Inbox } from "@/components/inbox/inbox";
import { getDb } from "@/db/client";
import { currentUser } from "@/lib/auth/session";
import { listAssigneeChoices, listVisibleGroups } from "@/lib/inbox/group-members";
import { MAX_TEXT_LENGTH } from "@/lib/whatsapp";

export default async function InboxPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const [groups, assignees] = await Promise.all([listVisibleGroups(getDb(), user), listAssigneeChoices(getDb(), user)]);
  return (
    <Suspense>
      <Inbox viewer={{ id: user.id, name: user.name, role: user.role }} initialStatus={user.status} groups={groups} assignees={assignees} maxReplyLength={MAX_TEXT_LENGTH} />
    </Suspense>
  );
}
