// The few form pieces the manager screens share: a labelled field with its hint and
// error, input and button styles, and a notice for what a save did.
import type { ActionError } from "@/lib/errors";
import { catalog, type MessageKey } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n/translate";

export const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none aria-invalid:border-red-400 aria-invalid:ring-red-100";

const buttons = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/60",
  secondary: "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:text-slate-400",
  danger: "bg-white text-red-700 ring-1 ring-red-200 hover:bg-red-50 disabled:text-red-300",
  dangerSolid: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/60",
};

export function buttonClass(kind: keyof typeof buttons = "primary", size: "sm" | "md" = "md") {
  const padding = size === "sm" ? "px-2.5 py-1.5 text-xs" : "px-4 py-2 text-sm";
  return `inline-flex items-center justify-center gap-1.5 rounded-lg font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed ${padding} ${buttons[kind]}`;
}

export const cardClass = "rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200 md:p-5";

export function FormField({
  id,
  label,
  hint,
  error,
  aside,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  aside?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {aside}
      </div>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-600" data-testid={`error-${id}`}>
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
        )
      )}
    </div>
  );
}

/** aria props for an input inside FormField. */
export function describedBy(id: string, error: string | undefined, hasHint = true) {
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hasHint ? `${id}-hint` : undefined,
  } as const;
}

export function Notice({ tone, children, testId }: { tone: "success" | "error" | "info"; children: React.ReactNode; testId?: string }) {
  const tones = {
    success: "bg-brand-50 text-brand-900 ring-brand-100",
    error: "bg-red-50 text-red-800 ring-red-100",
    info: "bg-slate-50 text-slate-700 ring-slate-200",
  };
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-lg px-3 py-2 text-sm ring-1 ${tones[tone]}`} data-testid={testId}>
      {children}
    </div>
  );
}

const isMessageKey = (value: string): value is MessageKey => value in catalog.en;

/** A refused action in the user's language: the overall message and each field's. */
export function describeActionError(t: Translate, error: ActionError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fields ?? {})) fields[field] = isMessageKey(message) ? t(message) : message;
  const key = `error.${error.code}`;
  const message = error.code !== "internal" && isMessageKey(key) ? t(key, error.params) : t("error.generic");
  return { message, fields };
}
