// Form pieces: a labelled field with its hint and error, the input style, the aria
// wiring between them, a card, and a notice for what a save did or why it was refused.
export const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-500 focus:border-brand-600 focus-visible:outline-offset-0 aria-invalid:border-red-400 aria-invalid:ring-red-100";

export const cardClass = "rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200 md:p-5";

/** The `<option>`s of a select over named things (groups, people), by id. */
export function NamedOptions({ items }: { items: readonly { id: number; name: string }[] }) {
  return items.map((item) => (
    <option key={item.id} value={item.id}>
      {item.name}
    </option>
  ));
}

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

const NOTICE_TONES = {
  success: "bg-brand-50 text-brand-900 ring-brand-100",
  error: "bg-red-50 text-red-800 ring-red-100",
  info: "bg-slate-50 text-slate-700 ring-slate-200",
};

/** A card's last outcome ("saved", or what went wrong). Its owner keeps it: a save that
 * changes the card's settings starts the card afresh (a new key), and the words stay. */
export type CardNotice = { tone: "success" | "error"; text: string } | null;
export type CardNoticeProps = { notice: CardNotice; onNotice: (notice: CardNotice) => void };

export function Notice({ tone, children, testId }: { tone: keyof typeof NOTICE_TONES; children: React.ReactNode; testId?: string }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-lg px-3 py-2 text-sm ring-1 ${NOTICE_TONES[tone]}`} data-testid={testId}>
      {children}
    </div>
  );
}

/** A secret shown this once (a new API token, a rotated webhook secret): what it is, the
 * value to copy (`${testId}-value`), and what may follow it (a button that hides it). */
export function SecretNotice({ label, secret, testId, children }: { label: string; secret: string; testId: string; children?: React.ReactNode }) {
  return (
    <Notice tone="success" testId={testId}>
      <span className="block">{label}</span>
      <code className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900" data-testid={`${testId}-value`}>
        {secret}
      </code>
      {children}
    </Notice>
  );
}
