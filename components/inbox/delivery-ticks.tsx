"use client";

// WhatsApp's ticks on an outbound message: a clock while sending, ✓ sent, ✓✓ delivered,
// blue ✓✓ read, and a red mark with WhatsApp's reason when it failed.
import { Check, CheckCheck, CircleExclamationPoint, Clock } from "lucide-react";
import { useI18n } from "@/components/i18n-provider";
import type { MessageKey, Translate } from "@/lib/i18n/translate";
import type { ThreadMessage } from "@/lib/inbox/types";

/** Why a message failed: Meta's code explained in the reader's language when known, else WhatsApp's words. */
export function failureText(message: Pick<ThreadMessage, "failureCode" | "failureReason">, t: Translate): string {
  return message.failureCode ? t(`whatsapp.error.${message.failureCode}` as MessageKey) : (message.failureReason ?? "");
}

export function DeliveryTicks({ message }: { message: ThreadMessage }) {
  const { t } = useI18n();
  const status = message.status ?? "pending";
  const label =
    status === "failed"
      ? message.failureReason || message.failureCode
        ? t("inbox.delivery.failedReason", { reason: failureText(message, t) })
        : t("inbox.delivery.failed")
      : t(`inbox.delivery.${status}`);

  return (
    <span role="img" aria-label={label} title={label} data-testid="delivery-status" data-status={status} className="inline-flex items-center">
      {status === "pending" && (
        <Clock className="h-3.5 w-3.5 text-slate-500" aria-hidden="true" strokeWidth={2} />
      )}
      {status === "sent" && <Check className="h-3.5 w-3.5 text-slate-500" aria-hidden="true" strokeWidth={2.25} />}
      {(status === "delivered" || status === "read") && <CheckCheck className={`h-3.5 w-3.5 ${status === "read" ? "text-sky-500" : "text-slate-500"}`} aria-hidden="true" strokeWidth={2.25} />}
      {status === "failed" && (
        <CircleExclamationPoint className="h-3.5 w-3.5 fill-red-600 text-white" aria-hidden="true" strokeWidth={2.25} />
      )}
    </span>
  );
}
