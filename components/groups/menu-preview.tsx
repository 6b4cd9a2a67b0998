"use client";

// The entry menu as the contact sees it in WhatsApp: the business bubble with its reply
// buttons, or with the list's button and the list opened below it, or numbered text.
import { List } from "lucide-react";
import { useI18n } from "@/components/i18n-provider";
import type { EntryMenu } from "@/db/schema";
import { menuMessage } from "@/lib/routing/entry-menu";

type Draft = Pick<EntryMenu, "question" | "options" | "textOnly">;

export function MenuPreview({ menu }: { menu: Draft }) {
  const { t } = useI18n();
  const labels = menu.options.map((o) => o.label.trim() || "…");
  const message = menuMessage({ ...menu, question: menu.question.trim() || "…", options: menu.options.map((o, i) => ({ ...o, label: labels[i]! })), defaultGroupId: 0, timeoutMinutes: 10 }, t("routing.menu.listButton"));
  const kind = message.type === "text" ? "text" : (message.interactive.type as "button" | "list");
  const bubble = "w-fit max-w-[90%] rounded-lg rounded-tl-none bg-white px-2.5 py-1.5 text-sm text-[#111b21] shadow-sm";
  return (
    <figure className="flex flex-col gap-1.5">
      <figcaption className="text-xs font-medium text-slate-500">{t("routing.menu.preview")}</figcaption>
      <div className="flex min-h-32 flex-col gap-1 rounded-lg bg-[#efeae2] p-3 ring-1 ring-slate-200" data-testid="menu-preview" data-kind={kind}>
        {kind === "text" ? (
          <p className={`${bubble} break-words whitespace-pre-wrap`}>{message.body}</p>
        ) : (
          <div className="flex w-full max-w-72 flex-col gap-0.5">
            <div className={`${bubble} w-full max-w-none`}>
              <p className="break-words whitespace-pre-wrap">{menu.question.trim() || "…"}</p>
              {kind === "list" && (
                <p className="mt-1.5 flex items-center justify-center gap-1.5 border-t border-slate-200 pt-1.5 text-sm font-medium text-[#027eb5]">
                  <List className="h-4 w-4" aria-hidden="true" />
                  {t("routing.menu.listButton")}
                </p>
              )}
            </div>
            {kind === "button" &&
              labels.map((label, i) => (
                <p key={i} className="rounded-lg bg-white py-1.5 text-center text-sm font-medium text-[#027eb5] shadow-sm" data-testid="preview-button">
                  {label}
                </p>
              ))}
            {kind === "list" && (
              <ul className="mt-1 divide-y divide-slate-100 rounded-lg bg-white text-sm shadow-sm" aria-label={t("routing.menu.kind.list")}>
                {labels.map((label, i) => (
                  <li key={i} className="flex items-center justify-between px-3 py-1.5" data-testid="preview-row">
                    {label}
                    <span className="h-3.5 w-3.5 rounded-full ring-2 ring-slate-300" aria-hidden="true" />
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <p className="text-xs text-slate-500">{t("routing.menu.answerHint")}</p>
    </figure>
  );
}
