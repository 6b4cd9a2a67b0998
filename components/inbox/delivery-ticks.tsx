"use client";

// WhatsApp's ticks on an outbound message: a clock while sending, ✓ sent, ✓✓ delivered,
// blue ✓✓ read, and a red mark with WhatsApp's reason when it failed.
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
        <svg viewBox="0 0 16 16" className="h-3.5 w-3.5 text-slate-400" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
          <circle cx="8" cy="8" r="6" />
          <path d="M8 4.5V8l2.2 1.4" strokeLinecap="round" />
        </svg>
      )}
      {status === "sent" && <Check className="text-slate-400" />}
      {(status === "delivered" || status === "read") && <DoubleCheck className={status === "read" ? "text-sky-500" : "text-slate-400"} />}
      {status === "failed" && (
        <svg viewBox="0 0 16 16" className="h-3.5 w-3.5 text-red-600" aria-hidden="true">
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M8 4.2v4.6M8 11.2v.1" stroke="white" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      )}
    </span>
  );
}

function Check({ className }: { className: string }) {
  return (
    <svg viewBox="0 0 16 16" className={`h-3.5 w-3.5 ${className}`} aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.7">
      <path d="M3 8.5l3 3 7-7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function DoubleCheck({ className }: { className: string }) {
  return (
    <svg viewBox="0 0 20 16" className={`h-3.5 w-[1.1rem] ${className}`} aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.7">
      <path d="M1.5 8.5l3 3 7-7" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M8.5 11.5l7-7" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M7 10l1.5 1.5" strokeLinecap="round" />
    </svg>
  );
}
