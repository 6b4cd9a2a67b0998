import { getDb } from "@/db/client";
import { TeamView } from "@/components/team/team-view";
import { isManager } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translate";
import { listGroups } from "@/lib/groups";
import { listTeam } from "@/lib/team";

export const dynamic = "force-dynamic";

export default async function TeamPage() {
  const t = translator(await requestLocale());
  const user = await currentUser();
  // The layout refuses non-managers; Next renders this page alongside it, so it must not query for them.
  if (!user || !isManager(user)) return null;
  const [team, groups] = await Promise.all([listTeam(getDb(), user), listGroups(getDb(), user)]);
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-5 p-4 md:p-6">
      <header>
        <h1 className="text-xl font-semibold">{t("nav.team")}</h1>
        <p className="mt-1 text-sm text-slate-500">{t("team.subtitle")}</p>
      </header>
      <TeamView initial={team} myId={user.id} allGroups={groups.map((g) => ({ id: g.id, name: g.name }))} />
    </div>
  );
}
