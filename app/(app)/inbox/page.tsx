import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translate";

export default async function InboxPage() {
  const t = translator(await requestLocale());
  return (
    <div className="p-6">
      <h1 className="text-xl font-semibold">{t("inbox.title")}</h1>
    </div>
  );
}
