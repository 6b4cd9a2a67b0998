import Link from "next/link";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translate";

export async function Forbidden() {
  const t = translator(await requestLocale());
  return (
    <div className="flex h-full flex-col items-center justify-center gap-3 p-8 text-center" data-testid="forbidden">
      <h1 className="text-xl font-semibold">{t("error.forbidden.title")}</h1>
      <p className="text-slate-500">{t("error.forbidden.body")}</p>
      <Link href="/inbox" className="text-sm font-medium text-brand-700 hover:underline">
        {t("error.backToInbox")}
      </Link>
    </div>
  );
}
