"use client";

// Short messages at the bottom of the inbox: what an action did, or why the server
// refused it. Errors are announced assertively (role=alert), the rest politely.
import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";

type Toast = { id: number; kind: "info" | "error"; text: string };
type Notify = (kind: Toast["kind"], text: string) => void;

const ToastContext = createContext<Notify>(() => {});

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const notify = useCallback<Notify>(
    (kind, text) => {
      const id = nextId.current++;
      setToasts((all) => [...all.filter((toast) => toast.text !== text), { id, kind, text }].slice(-3));
      setTimeout(() => dismiss(id), kind === "error" ? 8000 : 4000);
    },
    [dismiss],
  );

  const errors = useMemo(() => toasts.filter((toast) => toast.kind === "error"), [toasts]);
  const infos = useMemo(() => toasts.filter((toast) => toast.kind === "info"), [toasts]);

  return (
    <ToastContext.Provider value={notify}>
      {children}
      {/* Phones: under the header, clear of the reply box. Wider screens: bottom left, over the list. */}
      <div className="pointer-events-none fixed inset-x-0 top-16 z-50 flex flex-col items-center gap-2 px-4 md:top-auto md:right-auto md:bottom-4 md:left-64 md:items-start">
        <div role="alert" className="flex flex-col items-center gap-2 md:items-start">
          {errors.map((toast) => (
            <ToastCard key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </div>
        <div role="status" className="flex flex-col items-center gap-2 md:items-start">
          {infos.map((toast) => (
            <ToastCard key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastCard({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  return (
    <button
      type="button"
      onClick={() => onDismiss(toast.id)}
      data-testid={`toast-${toast.kind}`}
      className={`pointer-events-auto max-w-sm rounded-lg px-4 py-2.5 text-left text-sm shadow-lg ring-1 ${
        toast.kind === "error" ? "bg-red-50 text-red-800 ring-red-200" : "bg-slate-900 text-white ring-slate-900"
      }`}
    >
      {toast.text}
    </button>
  );
}

export function useToast(): Notify {
  return useContext(ToastContext);
}
