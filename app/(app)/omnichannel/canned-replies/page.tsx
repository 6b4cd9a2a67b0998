import { getDb } from "@/db/client";
import { CannedRepliesView } from "@/components/canned-replies/canned-replies-view";
import { isManager } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { listAllCannedReplies } from "@/lib/canned-replies/canned-replies";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translate";
import { listVisibleGroups } from "@/lib/inbox/group-members";

export const dynamic = "force-dynamic";

export default async function CannedRepliesPage() {
  const t = translator(await requestLocale());
  const user = await currentUser();
  // The layout refuses non-managers; Next renders this page alongside it, so it must not query for them.
  if (!user || !isManager(user)) return null;
  const db = getDb();
  const [replies, groups] = await Promise.all([listAllCannedReplies(db, user), listVisibleGroups(db, user)]);
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-5 p-4 md:p-6">
      <header>
        <h1 className="text-xl font-semibold">{t("canned.title")}</h1>
        <p className="mt-1 text-sm text-slate-500">{t("canned.intro")}</p>
      </header>
      <CannedRepliesView initial={replies} groups={groups} />
    </div>
  );
}
