"use client";

// A conversation assigned to me by someone else (the strategy, a manager, a colleague's
// transfer) plays a short sound and shows a browser notification when the tab is not in
// front (an in-page message when it is). Taking one myself alerts nothing.
import { Bell, BellOff } from "lucide-react";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { useRealtimeSignal } from "@/components/realtime-provider";
import { queryKeys } from "@/lib/realtime/query-keys";
import { formatPhone } from "./format";
import { fetchConversationDetail } from "./inbox-queries";
import { useToast } from "@/components/ui/toast";

export function AssignmentAlerts({ userId, onOpen }: { userId: number; onOpen: (conversationId: number) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const notify = useToast();
  const audio = useRef<HTMLAudioElement | null>(null);
  const [count, setCount] = useState(0);

  useEffect(() => {
    audio.current = new Audio("/sounds/assigned.wav");
    audio.current.preload = "auto";
    audio.current.volume = 0.6;
  }, []);

  useRealtimeSignal((signal) => {
    if (signal.type !== "conversation.changed" || signal.status !== "assigned") return;
    if (signal.assigneeId !== userId || signal.previousAssigneeId === userId || signal.actorId === userId) return;
    setCount((c) => c + 1);
    // Autoplay rules may refuse until the page has had a click; the notification still shows.
    audio.current?.play().catch(() => {});
    void queryClient
      .fetchQuery({
        queryKey: queryKeys.conversation(signal.conversationId),
        queryFn: () => fetchConversationDetail(signal.conversationId),
        staleTime: 0,
      })
      .then((detail) => {
        const title = t("inbox.alert.assigned.title");
        const body = t("inbox.alert.assigned.body", { contact: detail.contact.name ?? formatPhone(detail.contact.number), group: detail.group.name });
        const inFront = document.visibilityState === "visible" && document.hasFocus();
        if (!inFront && typeof Notification !== "undefined" && Notification.permission === "granted") {
          const notification = new Notification(title, { body, tag: `conversation-${signal.conversationId}` });
          notification.onclick = () => {
            window.focus();
            onOpen(signal.conversationId);
            notification.close();
          };
        } else notify("info", `${title}: ${body}`);
      })
      .catch(() => notify("info", t("inbox.alert.assigned.title")));
  });

  return <span hidden data-testid="assignment-alerts" data-count={count} />;
}

/** The bell in the list header: asks for notification permission from a click. */
export function NotificationPermissionButton() {
  const { t } = useI18n();
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">("granted");
  useEffect(() => {
    // Read after mount: the server render knows nothing of the browser's permission.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission);
  }, []);
  if (permission === "granted" || permission === "unsupported") return null;
  const blocked = permission === "denied";
  return (
    <button
      type="button"
      disabled={blocked}
      title={blocked ? t("inbox.alert.blocked") : t("inbox.alert.enable")}
      aria-label={blocked ? t("inbox.alert.blocked") : t("inbox.alert.enable")}
      onClick={async () => setPermission(await Notification.requestPermission())}
      className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-700 disabled:opacity-40"
    >
      {blocked ? <BellOff className="h-5 w-5" aria-hidden="true" strokeWidth={1.75} /> : <Bell className="h-5 w-5" aria-hidden="true" strokeWidth={1.75} />}
    </button>
  );
}

/** Managers hear at once when WhatsApp refuses a number's access token: someone must replace it. */
export function ChannelTokenAlerts({ isManager }: { isManager: boolean }) {
  const { t } = useI18n();
  const notify = useToast();
  useRealtimeSignal((signal) => {
    if (!isManager || signal.type !== "channel.token_invalid") return;
    notify("error", t("whatsapp.channel.needsTokenAlert", { number: signal.displayNumber }));
  });
  return null;
}
