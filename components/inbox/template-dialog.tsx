"use client";

// "Send a template": once the 24-hour window has closed, the only way WhatsApp lets a
// business write first. Pick one of the number's approved templates, fill its body
// parameters with a live preview, send. The list comes from the Graph API through the
// server's cache; the refresh button asks Meta again.
import { useId, useMemo, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useI18n } from "@/components/i18n-provider";
import { refusalLine } from "@/components/ui/action-error";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ApiError, fetchJson, retryServerErrors } from "@/components/ui/fetch-json";
import { inputClass, Notice } from "@/components/ui/field";
import { queryKeys } from "@/lib/realtime/query-keys";
import { renderTemplate, type TemplateList } from "@/lib/whatsapp/template-text";

export function TemplateDialog({ conversationId, onSend, onClose }: { conversationId: number; onSend: (choice: { name: string; language: string; parameters: string[]; preview: string }) => void; onClose: () => void }) {
  const { t } = useI18n();
  const titleId = useId();
  const queryClient = useQueryClient();
  const url = `/api/v1/conversations/${conversationId}/templates`;
  const list = useQuery({ queryKey: queryKeys.templates(conversationId), queryFn: () => fetchJson<TemplateList>(url), retry: retryServerErrors });
  const [refreshing, setRefreshing] = useState(false);
  const [chosen, setChosen] = useState("");
  const [parameters, setParameters] = useState<string[]>([]);

  const templates = useMemo(() => list.data?.templates ?? [], [list.data]);
  const template = templates.find((x) => `${x.name}|${x.language}` === chosen) ?? null;
  const filled = template ? Array.from({ length: template.parameterCount }, (_, i) => parameters[i] ?? "") : [];
  const complete = template !== null && filled.every((p) => p.trim() !== "");
  const preview = template ? renderTemplate(template.body, filled.map((p) => p.trim())) : "";

  async function refresh() {
    setRefreshing(true);
    try {
      queryClient.setQueryData(queryKeys.templates(conversationId), await fetchJson<TemplateList>(`${url}?refresh=1`));
    } catch {
      await list.refetch();
    } finally {
      setRefreshing(false);
    }
  }

  return (
    <Dialog
      title={t("template.title")}
      titleId={titleId}
      onDismiss={onClose}
      testId="template-dialog"
      footer={
        <>
          <Button kind="secondary" onClick={onClose}>
            {t("template.cancel")}
          </Button>
          <Button
            kind="primary"
            disabled={!complete}
            data-testid="template-send"
            onClick={() => {
              if (!template || !complete) return;
              onSend({ name: template.name, language: template.language, parameters: filled.map((p) => p.trim()), preview });
              onClose();
            }}
          >
            {t("template.send")}
          </Button>
        </>
      }
    >
      <p className="mt-1 text-sm text-slate-600">{t("template.intro")}</p>
      <div className="mt-3 flex items-end gap-2">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium">
          {t("template.pick")}
          <select
            className={inputClass}
            value={chosen}
            onChange={(e) => {
              setChosen(e.target.value);
              setParameters([]);
            }}
            data-testid="template-pick"
          >
            <option value="">—</option>
            {templates.map((x) => (
              <option key={`${x.name}|${x.language}`} value={`${x.name}|${x.language}`}>
                {x.name} ({x.language})
              </option>
            ))}
          </select>
        </label>
        <Button kind="secondary" size="sm" onClick={() => void refresh()} disabled={refreshing} aria-label={t("template.refresh")} title={t("template.refresh")}>
          <RefreshCw className={`h-4 w-4 ${refreshing ? "animate-spin" : ""}`} aria-hidden="true" />
        </Button>
      </div>
      {list.isError && <Notice tone="error">{list.error instanceof ApiError ? refusalLine(list.error.error, t) : t("error.generic")}</Notice>}
      {list.isSuccess && templates.length === 0 && <p className="mt-3 text-sm text-slate-600">{t("template.none")}</p>}
      {template && (
        <div className="mt-3 flex flex-col gap-2">
          {filled.map((value, i) => (
            <label key={i} className="flex flex-col gap-1 text-sm font-medium">
              {t("template.parameter", { n: i + 1 })}
              <input
                className={inputClass}
                value={value}
                maxLength={1024}
                data-testid={`template-param-${i + 1}`}
                onChange={(e) => setParameters(filled.map((p, j) => (j === i ? e.target.value : p)))}
              />
            </label>
          ))}
          <div className="mt-1">
            <span className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t("template.preview")}</span>
            <div className="mt-1 rounded-lg bg-[#d9fdd3] px-3 py-2 text-sm whitespace-pre-wrap text-slate-900 shadow-sm" data-testid="template-preview">
              {template.header && <p className="font-semibold">{template.header}</p>}
              <p>{preview}</p>
              {template.footer && <p className="mt-1 text-xs text-slate-500">{template.footer}</p>}
            </div>
          </div>
        </div>
      )}
    </Dialog>
  );
}
