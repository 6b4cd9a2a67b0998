"use client";

// Sending a file or a template from the reply box, optimistic like a text reply: the
// message shows at once as pending, a refusal says why (in the reader's language), and
// the realtime signal's refetch makes the thread exact.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useI18n } from "@/components/i18n-provider";
import { refusalLine } from "@/components/ui/action-error";
import { ApiError } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";
import type { ActionError } from "@/lib/errors";
import type { ThreadMessage } from "@/lib/inbox/types";
import { outboundTypeOf } from "@/lib/media/limits";
import { queryKeys } from "@/lib/realtime/query-keys";
import { addPendingMessage, type Viewer } from "./use-conversation-actions";

async function postOrThrow(url: string, init: RequestInit): Promise<{ messageId: number }> {
  const response = await fetch(url, { ...init, cache: "no-store" });
  const body = (await response.json().catch(() => null)) as { error?: ActionError; messageId?: number } | null;
  if (!response.ok) throw new ApiError(response.status, body?.error ?? null);
  return { messageId: body?.messageId ?? 0 };
}

export type FileToSend = { conversationId: number; file: File; caption: string };
export type TemplateToSend = { conversationId: number; name: string; language: string; parameters: string[]; preview: string };

export function useSendFile(viewer: Viewer) {
  const queryClient = useQueryClient();
  const { t } = useI18n();
  const notify = useToast();

  const pending = (conversationId: number, message: Pick<ThreadMessage, "type" | "body" | "payload">) => {
    void queryClient.cancelQueries({ queryKey: queryKeys.messages(conversationId) });
    addPendingMessage(queryClient, conversationId, viewer, message);
  };
  const settle = (conversationId: number) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.messages(conversationId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
  };
  const refused = (error: Error) => notify("error", error instanceof ApiError ? refusalLine(error.error, t) : t("error.generic"));

  const sendFile = useMutation({
    mutationFn: ({ conversationId, file, caption }: FileToSend) =>
      postOrThrow(`/api/v1/conversations/${conversationId}/media${caption.trim() ? `?caption=${encodeURIComponent(caption.trim())}` : ""}`, {
        method: "POST",
        headers: { "content-type": file.type || "application/octet-stream", "x-fila-filename": encodeURIComponent(file.name) },
        body: file,
      }),
    onMutate: ({ conversationId, file, caption }) =>
      pending(conversationId, {
        type: outboundTypeOf(file.type) ?? "document",
        body: caption.trim() || null,
        payload: { media: { filename: file.name, mimeType: file.type } },
      }),
    onError: refused,
    onSettled: (_data, _error, { conversationId }) => settle(conversationId),
  });

  const sendTemplate = useMutation({
    mutationFn: ({ conversationId, name, language, parameters }: TemplateToSend) =>
      postOrThrow(`/api/v1/conversations/${conversationId}/templates`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name, language, parameters }),
      }),
    onMutate: ({ conversationId, name, language, parameters, preview }) =>
      pending(conversationId, { type: "template", body: preview, payload: { template: { name, language, parameters } } }),
    onSuccess: () => notify("info", t("template.sent")),
    onError: refused,
    onSettled: (_data, _error, { conversationId }) => settle(conversationId),
  });

  return { sendFile, sendTemplate };
}
