// The manager's tables: a card with a column header on wider screens and one list item
// per row (rows stack their cells on phones). `columns` is the grid template class
// (md:grid-cols-[…]) shared by the header and the rows.
export function Table({ columns, headings, children, framed = true }: { columns: string; headings: React.ReactNode[]; children: React.ReactNode; framed?: boolean }) {
  return (
    <div className={framed ? "overflow-hidden rounded-xl bg-white shadow-xs ring-1 ring-slate-200" : undefined}>
      <div className={`hidden gap-4 border-b border-slate-200 bg-slate-50 px-5 py-2.5 text-xs font-semibold tracking-wide text-slate-500 uppercase md:grid ${columns}`}>
        {headings.map((heading, i) => (
          <span key={i}>{heading}</span>
        ))}
      </div>
      <ul className="divide-y divide-slate-100">{children}</ul>
    </div>
  );
}

/** A cell's value with its column's name above it on phones (the header names it on wider screens). */
export function Cell({ label, testId, children }: { label: string; testId?: string; children: React.ReactNode }) {
  return (
    <span className="flex flex-col text-sm text-slate-700 tabular-nums" data-testid={testId}>
      <span className="truncate text-xs text-slate-500 md:hidden">{label}</span>
      <span className="whitespace-nowrap">{children}</span>
    </span>
  );
}
