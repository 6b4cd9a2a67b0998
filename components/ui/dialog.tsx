"use client";

// Dialogs: a modal (backdrop, focus moved in and given back, Escape closes) and a
// popover anchored to its button (Escape or a click outside closes it).
import { useEffect, useRef, type RefObject } from "react";

/** Closes on Escape (and on `extraKeys`), and on a pointer press outside `ref` when given. */
export function useDismiss(onDismiss: () => void, ref?: RefObject<HTMLElement | null>, extraKeys: string[] = []) {
  const keys = extraKeys.join(" ");
  useEffect(() => {
    const closing = new Set(["Escape", ...keys.split(" ").filter(Boolean)]);
    const onKey = (e: KeyboardEvent) => {
      if (!closing.has(e.key)) return;
      e.preventDefault();
      onDismiss();
    };
    const onPointer = (e: PointerEvent) => ref?.current && !ref.current.contains(e.target as Node) && onDismiss();
    window.addEventListener("keydown", onKey, { capture: true });
    if (ref) document.addEventListener("pointerdown", onPointer);
    return () => {
      window.removeEventListener("keydown", onKey, { capture: true });
      if (ref) document.removeEventListener("pointerdown", onPointer);
    };
  }, [onDismiss, ref, keys]);
}

export function Dialog({
  title,
  titleId,
  onDismiss,
  closeKeys,
  initialFocus,
  footer,
  testId,
  children,
}: {
  title: string;
  titleId: string;
  onDismiss: () => void;
  /** Keys besides Escape that close it. */
  closeKeys?: string[];
  initialFocus?: RefObject<HTMLElement | null>;
  footer?: React.ReactNode;
  testId?: string;
  children: React.ReactNode;
}) {
  const panel = useRef<HTMLDivElement>(null);
  useDismiss(onDismiss, undefined, closeKeys);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    (initialFocus?.current ?? panel.current)?.focus();
    return () => previous?.focus();
  }, [initialFocus]);

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center p-4">
      <button type="button" tabIndex={-1} aria-hidden="true" className="absolute inset-0 bg-slate-900/40" onClick={onDismiss} />
      <div
        ref={panel}
        tabIndex={-1}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="relative w-full max-w-md rounded-2xl bg-white p-5 shadow-2xl focus:outline-none"
        data-testid={testId}
      >
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {children}
        {footer && <div className="mt-4 flex justify-end gap-2">{footer}</div>}
      </div>
    </div>
  );
}

/** A panel under its button (a menu-like dialog): Escape or a click outside closes it. */
export function Popover({ label, onDismiss, testId, className, children }: { label: string; onDismiss: () => void; testId?: string; className?: string; children: React.ReactNode }) {
  const panel = useRef<HTMLDivElement>(null);
  useDismiss(onDismiss, panel);
  // Focus goes back to what opened it (its button) when it closes with nothing else focused
  // (Escape, a pick): keyboard users do not land at the top of the page.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (opener?.isConnected && lost) opener.focus();
    };
  }, []);
  return (
    <div
      ref={panel}
      role="dialog"
      aria-label={label}
      data-testid={testId}
      className={`absolute top-full right-0 z-30 mt-2 flex flex-col overflow-hidden rounded-xl bg-white text-sm shadow-xl ring-1 ring-slate-200 ${className ?? ""}`}
    >
      {children}
    </div>
  );
}
