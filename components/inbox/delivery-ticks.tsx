"use client";

// WhatsApp's ticks on an outbound message: a clock while sending, ✓ sent, ✓✓ delivered,
// blue ✓✓ read, and a red mark with WhatsApp's reason when it failed.
import { Check, CheckCheck, CircleExclamationPoint, Clock } from "lucide-react";
import { useI18n } from "@/components/i18n-provider";
import type { ThreadMessage } from "@/lib/inbox/types";

export function DeliveryTicks({ message }: { message: ThreadMessage }) {
  const { t } = useI18n();
  const status = message.status ?? "pending";
  const label =
    status === "failed"
      ? message.failureReason
        ? t("inbox.delivery.failedReason", { reason: message.failureReason })
        : t("inbox.delivery.failed")
      : t(`inbox.delivery.${status}`);

  return (
    <span role="img" aria-label={label} title={label} data-testid="delivery-status" data-status={status} className="inline-flex items-center">
      {status === "pending" && (
        <Clock className="h-3.5 w-3.5 text-slate-400" aria-hidden="true" strokeWidth={2} />
      )}
      {status === "sent" && <Check className="h-3.5 w-3.5 text-slate-400" aria-hidden="true" strokeWidth={2.25} />}
      {(status === "delivered" || status === "read") && <CheckCheck className={`h-3.5 w-3.5 ${status === "read" ? "text-sky-500" : "text-slate-400"}`} aria-hidden="true" strokeWidth={2.25} />}
      {status === "failed" && (
        <CircleExclamationPoint className="h-3.5 w-3.5 fill-red-600 text-white" aria-hidden="true" strokeWidth={2.25} />
      )}
    </span>
  );
}
