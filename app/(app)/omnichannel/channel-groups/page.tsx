import { getDb } from "@/db/client";
import { CreateGroupForm } from "@/components/groups/create-group-form";
import { GroupsList } from "@/components/groups/groups-list";
import { isManager } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { listGroups } from "@/lib/groups";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translate";

export const dynamic = "force-dynamic";

export default async function ChannelGroupsPage() {
  const t = translator(await requestLocale());
  const user = await currentUser();
  // The layout refuses non-managers; Next renders this page alongside it, so it must not query for them.
  if (!user || !isManager(user)) return null;
  const groups = await listGroups(getDb(), user);
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-5 p-4 md:p-6">
      <header>
        <h1 className="text-xl font-semibold">{t("groups.title")}</h1>
        <p className="mt-1 text-sm text-slate-500">{t("groups.subtitle")}</p>
      </header>
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <GroupsList initial={groups} />
        <CreateGroupForm />
      </div>
    </div>
  );
}
