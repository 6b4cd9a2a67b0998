"use client";

// Keyboard: j/k or Alt+↑/↓ move through the list, Alt+A takes, Alt+E closes, r writes a
// reply, / searches, ? shows the help. Single keys are ignored while typing; the Alt
// combinations work everywhere (they match the physical key, so macOS's Option works).
import { useEffect, useRef } from "react";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { MessageKey } from "@/lib/i18n/translate";

export type ShortcutHandlers = {
  next: () => void;
  previous: () => void;
  take: () => void;
  close: () => void;
  reply: () => void;
  search: () => void;
  help: () => void;
};

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

export function useKeyboardShortcuts(handlers: ShortcutHandlers) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.isComposing) return;
      const h = latest.current;
      let run: (() => void) | null = null;
      if (e.altKey) {
        if (e.key === "ArrowDown") run = h.next;
        else if (e.key === "ArrowUp") run = h.previous;
        else if (e.code === "KeyA") run = h.take;
        else if (e.code === "KeyE") run = h.close;
      } else if (!typing(e.target)) {
        if (e.key === "j") run = h.next;
        else if (e.key === "k") run = h.previous;
        else if (e.key === "r") run = h.reply;
        else if (e.key === "/") run = h.search;
        else if (e.key === "?") run = h.help;
      }
      if (!run) return;
      e.preventDefault();
      run();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

const SHORTCUTS: { keys: string[][]; label: MessageKey }[] = [
  { keys: [["j"], ["Alt", "↓"]], label: "inbox.shortcuts.next" },
  { keys: [["k"], ["Alt", "↑"]], label: "inbox.shortcuts.previous" },
  { keys: [["Alt", "A"]], label: "inbox.shortcuts.take" },
  { keys: [["Alt", "E"]], label: "inbox.shortcuts.close" },
  { keys: [["r"]], label: "inbox.shortcuts.reply" },
  { keys: [["Enter"]], label: "inbox.shortcuts.send" },
  { keys: [["Shift", "Enter"]], label: "inbox.shortcuts.newline" },
  { keys: [["/"]], label: "inbox.shortcuts.search" },
  { keys: [["?"]], label: "inbox.shortcuts.help" },
];

export function ShortcutsOverlay({ onDismiss }: { onDismiss: () => void }) {
  const { t } = useI18n();
  const dismiss = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title={t("inbox.shortcuts.title")}
      titleId="shortcuts-title"
      onDismiss={onDismiss}
      closeKeys={["?"]}
      initialFocus={dismiss}
      testId="shortcuts-overlay"
      footer={
        <Button kind="dark" ref={dismiss} onClick={onDismiss}>
          {t("inbox.shortcuts.dismiss")}
        </Button>
      }
    >
      <dl className="mt-4 divide-y divide-slate-100 text-sm">
        {SHORTCUTS.map((s) => (
          <div key={s.label} className="flex items-center justify-between gap-4 py-2">
            <dt className="text-slate-700">{t(s.label)}</dt>
            <dd className="flex shrink-0 items-center gap-1.5 text-xs text-slate-500">
              {s.keys.map((combo, i) => (
                <span key={i} className="flex items-center gap-1">
                  {i > 0 && <span>{t("inbox.shortcuts.or")}</span>}
                  {combo.map((key) => (
                    <kbd key={key} className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-[11px] text-slate-700 shadow-[0_1px_0_rgb(203_213_225)]">
                      {key}
                    </kbd>
                  ))}
                </span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
