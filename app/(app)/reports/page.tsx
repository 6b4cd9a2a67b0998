import { Suspense } from "react";
import { getDb } from "@/db/client";
import { ReportsView, type ReportAgentOption, type ReportGroup } from "@/components/reports/reports-view";
import { isManager } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translate";

export const dynamic = "force-dynamic";

export default async function ReportsPage() {
  const t = translator(await requestLocale());
  const user = await currentUser();
  // The layout refuses non-managers; Next renders this page alongside it, so it must not query for them.
  if (!user || !isManager(user)) return null;
  const sql = getDb().$client;
  const [groups, agents] = await Promise.all([
    sql<ReportGroup[]>`SELECT id, name FROM channel_groups ORDER BY lower(name)`,
    sql<ReportAgentOption[]>`
      SELECT u.id, u.name, array_agg(m.group_id ORDER BY m.group_id) AS "groupIds"
        FROM users u JOIN group_members m ON m.user_id = u.id
       GROUP BY u.id, u.name ORDER BY lower(u.name)`,
  ]);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4 p-4 md:p-6">
      <header>
        <h1 className="text-xl font-semibold">{t("reports.title")}</h1>
        <p className="mt-1 text-sm text-slate-500">{t("reports.subtitle")}</p>
      </header>
      <Suspense>
        <ReportsView groups={[...groups]} agents={[...agents]} />
      </Suspense>
    </div>
  );
}
