import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translate";

export default async function ReportsPage() {
  const t = translator(await requestLocale());
  return (
    <div className="p-6">
      <h1 className="text-xl font-semibold">{t("reports.title")}</h1>
      <p className="mt-2 text-slate-500">{t("reports.soon")}</p>
    </div>
  );
}
