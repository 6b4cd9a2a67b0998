"use client";

// The welcome message as the customer sees it in WhatsApp: a business bubble on the
// chat's wallpaper.
import { CheckCheck } from "lucide-react";
import { useNow } from "@/components/ui/use-now";
import { useI18n } from "@/components/i18n-provider";

export function WelcomePreview({ text }: { text: string }) {
  const { t, locale } = useI18n();
  const now = useNow();
  const message = text.trim();
  return (
    <figure className="flex flex-col gap-1.5">
      <figcaption className="text-xs font-medium text-slate-500">{t("groups.settings.welcome.preview")}</figcaption>
      <div className="min-h-24 rounded-lg bg-[#efeae2] p-3 ring-1 ring-slate-200" data-testid="welcome-preview">
        {message ? (
          <div className="relative ml-auto w-fit max-w-[85%] rounded-lg rounded-tr-none bg-[#d9fdd3] px-2.5 pt-1.5 pb-1 text-sm text-[#111b21] shadow-sm">
            <p className="break-words whitespace-pre-wrap">{message}</p>
            <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-[#54656f]">
              {now !== null && new Date(now).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" })}
              <CheckCheck className="h-3.5 w-3.5 text-[#53bdeb]" aria-hidden="true" strokeWidth={2} />
            </p>
          </div>
        ) : (
          <p className="py-5 text-center text-xs text-slate-500 italic">{t("groups.settings.welcome.none")}</p>
        )}
      </div>
    </figure>
  );
}
