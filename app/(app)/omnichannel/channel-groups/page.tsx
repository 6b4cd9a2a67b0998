import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { channelGroups } from "@/db/schema";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translate";

export default async function ChannelGroupsPage() {
  const t = translator(await requestLocale());
  const groups = await getDb().select().from(channelGroups).orderBy(asc(channelGroups.name));
  return (
    <div className="p-6">
      <h1 className="text-xl font-semibold">{t("groups.title")}</h1>
      <ul className="mt-4 space-y-2">
        {groups.map((g) => (
          <li key={g.id} className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
            {g.name} · {g.strategy}
          </li>
        ))}
      </ul>
    </div>
  );
}
