"use client";

// The reply box's suggestion menus: "/" for canned replies, "@" (in a note) for people.
// The trigger is the word at the caret that starts with the character; the menu is a
// listbox driven from the textarea (arrows, Enter or Tab, Escape) or the mouse.
import { useState } from "react";

export type Trigger = { char: "/" | "@"; start: number; query: string };

/** The "/word" or "@word" that ends at the caret, if the caret is in one. */
export function triggerAt(text: string, caret: number, chars: readonly Trigger["char"][]): Trigger | null {
  let i = caret - 1;
  while (i >= 0 && !/\s/.test(text[i]!) && !chars.includes(text[i] as Trigger["char"])) i--;
  if (i < 0 || !chars.includes(text[i] as Trigger["char"])) return null;
  if (i > 0 && !/\s/.test(text[i - 1]!)) return null;
  return { char: text[i] as Trigger["char"], start: i, query: text.slice(i + 1, caret) };
}

/** Case- and accent-blind. */
export const foldText = (value: string) => value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

export type MenuItem = { key: string; label: string; detail?: string; muted?: boolean };

/** Keyboard state of an open menu: which item is active, and what a key does to it. */
export function useMenuKeys(count: number, resetKey: string) {
  const [state, setState] = useState({ active: 0, resetKey });
  const active = state.resetKey === resetKey ? Math.min(state.active, Math.max(count - 1, 0)) : 0;
  const move = (step: 1 | -1) => setState({ active: count === 0 ? 0 : (active + step + count) % count, resetKey });
  return { active, move, setActive: (index: number) => setState({ active: index, resetKey }) };
}

export function ComposerMenu({
  id,
  label,
  items,
  active,
  empty,
  hint,
  onPick,
  onHover,
}: {
  id: string;
  label: string;
  items: MenuItem[];
  active: number;
  empty: string;
  hint: string;
  onPick: (index: number) => void;
  onHover: (index: number) => void;
}) {
  return (
    <div className="absolute inset-x-0 bottom-full z-30 mb-1 max-h-64 overflow-y-auto rounded-lg bg-white shadow-lg ring-1 ring-slate-200" data-testid={`${id}-menu`}>
      <ul id={id} role="listbox" aria-label={label}>
        {items.map((item, index) => (
          <li
            key={item.key}
            id={`${id}-${index}`}
            role="option"
            aria-selected={index === active}
            // Keep the focus in the textarea.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(index)}
            onMouseEnter={() => onHover(index)}
            className={`cursor-pointer px-3 py-2 text-sm ${index === active ? "bg-brand-50" : ""}`}
            data-testid={`${id}-option`}
          >
            <span className={`font-medium ${item.muted ? "text-slate-500" : "text-slate-900"}`}>{item.label}</span>
            {item.detail && <span className={`block truncate text-xs ${item.muted ? "text-amber-700" : "text-slate-500"}`}>{item.detail}</span>}
          </li>
        ))}
      </ul>
      {items.length === 0 ? <p className="px-3 py-2 text-sm text-slate-500">{empty}</p> : <p className="border-t border-slate-100 px-3 py-1 text-[11px] text-slate-500">{hint}</p>}
    </div>
  );
}
