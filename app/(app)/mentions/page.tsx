import { MentionsView } from "@/components/mentions/mentions-view";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translate";

export const dynamic = "force-dynamic";

export default async function MentionsPage() {
  const t = translator(await requestLocale());
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4 p-4 md:p-6">
      <header>
        <h1 className="text-xl font-semibold">{t("mentions.title")}</h1>
        <p className="mt-1 text-sm text-slate-500">{t("mentions.intro")}</p>
      </header>
      <MentionsView />
    </div>
  );
}
