// What a list or panel says when it has nothing to show.
export function EmptyState({
  title,
  children,
  framed = false,
  testId,
}: {
  title?: string;
  children?: React.ReactNode;
  /** A card of its own (a page's only content), rather than text inside a panel. */
  framed?: boolean;
  testId?: string;
}) {
  return (
    <div className={framed ? "rounded-xl bg-white p-6 text-sm text-slate-500 ring-1 ring-slate-200" : "text-sm text-slate-500"} data-testid={testId}>
      {title && <p className="font-medium text-slate-700">{title}</p>}
      {children && <p className={title ? "mt-1" : undefined}>{children}</p>}
    </div>
  );
}
