"use client";

// The alerts' companions: the bell that asks for notification permission, and managers'
// alert for a refused channel token. The alerts themselves are the app shell's
// (components/shell/app-alerts.tsx), on every page.
import { Bell, BellOff } from "lucide-react";
import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { useRealtimeSignal } from "@/components/realtime-provider";
import { useToast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";

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
    <Button
      kind="icon"
      size="sm"
      disabled={blocked}
      title={blocked ? t("inbox.alert.blocked") : t("inbox.alert.enable")}
      aria-label={blocked ? t("inbox.alert.blocked") : t("inbox.alert.enable")}
      onClick={async () => setPermission(await Notification.requestPermission())}
    >
      {blocked ? <BellOff className="h-5 w-5" aria-hidden="true" strokeWidth={1.75} /> : <Bell className="h-5 w-5" aria-hidden="true" strokeWidth={1.75} />}
    </Button>
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
