"use client";

// The reply box's text: its mode (Reply or Note), a draft per conversation and mode that
// survives switching conversations (not a reload), the height that grows with it, and
// the menu a trigger opens — "/" for canned replies, in a note "@" for a colleague.
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useI18n } from "@/components/i18n-provider";
import { foldText, triggerAt, useMenuKeys, type MenuItem, type Trigger } from "./composer-menu";
import { useCannedChoices, useMentionCandidates } from "./tool-queries";

export type Mode = "reply" | "note";

const drafts = new Map<string, string>();

export function useComposer(conversationId: number, maxLength: number) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>("reply");
  const draftKey = `${conversationId}:${mode}`;
  const [text, setText] = useState(() => drafts.get(`${conversationId}:reply`) ?? "");
  const [caret, setCaret] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    drafts.set(draftKey, text);
  }, [draftKey, text]);

  // Grows with its content, up to about six lines.
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text, mode]);

  const trigger = triggerAt(text, caret, mode === "note" ? ["/", "@"] : ["/"]);
  const menuTrigger = trigger && trigger.start !== dismissedAt ? trigger : null;
  const canned = useCannedChoices(conversationId, menuTrigger?.char === "/");
  const people = useMentionCandidates(conversationId, mode === "note");
  const menuItems = menuItemsFor(menuTrigger, canned.data ?? [], people.data ?? [], t("note.mention.cannotSee"));
  const keys = useMenuKeys(menuItems.length, `${menuTrigger?.char}${menuTrigger?.start}${menuTrigger?.query}`);
  const menuId = menuTrigger?.char === "@" ? "mention" : "canned";
  const menuReady = Boolean(menuTrigger && (menuTrigger.char === "/" ? canned.data : people.data));

  const length = [...text.trim()].length;
  const tooLong = length > maxLength;
  const mentioned = (people.data ?? []).filter((p) => picked.includes(p.id) && text.toLowerCase().includes(`@${p.name.toLowerCase()}`));

  function switchMode(next: Mode) {
    if (next === mode) return;
    setMode(next);
    setText(drafts.get(`${conversationId}:${next}`) ?? "");
    setPicked([]);
    requestAnimationFrame(() => area.current?.focus());
  }

  function clear() {
    setText("");
    setPicked([]);
  }

  function pick(index: number) {
    if (!menuTrigger) return;
    const inserted =
      menuTrigger.char === "/"
        ? (canned.data ?? []).find((c) => `c${c.id}` === menuItems[index]?.key)?.text
        : (() => {
            const person = (people.data ?? []).find((p) => `p${p.id}` === menuItems[index]?.key);
            if (!person) return undefined;
            setPicked((ids) => [...new Set([...ids, person.id])]);
            return `@${person.name} `;
          })();
    if (inserted === undefined) return;
    const next = text.slice(0, menuTrigger.start) + inserted + text.slice(caret);
    const position = menuTrigger.start + inserted.length;
    setText(next);
    setCaret(position);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(position, position);
    });
  }

  /** The menu's keys while it is open (arrows, Enter or Tab picks, Escape closes); otherwise Enter sends, Shift+Enter adds a line. */
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>, send: () => void) {
    if (e.nativeEvent.isComposing) return;
    if (menuTrigger && menuItems.length > 0) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        keys.move(e.key === "ArrowDown" ? 1 : -1);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        pick(keys.active);
        return;
      }
    }
    if (menuTrigger && e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      setDismissedAt(menuTrigger.start);
      return;
    }
    if (e.key === "Enter" && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      send();
    }
  }

  return { mode, switchMode, text, setText, setCaret, clear, area, length, tooLong, mentioned, menuTrigger, menuItems, menuId, menuReady, keys, pick, onKeyDown };
}

type CannedChoice = { id: number; shortcut: string; text: string };
type Person = { id: number; name: string; canSee: boolean };

/** The menu's items for the trigger: canned replies by shortcut or text, people by name (who may see first). */
function menuItemsFor(trigger: Trigger | null, canned: CannedChoice[], people: Person[], cannotSee: string): MenuItem[] {
  if (!trigger) return [];
  const query = foldText(trigger.query);
  if (trigger.char === "/") {
    const byShortcut = canned.filter((c) => foldText(c.shortcut).startsWith(query));
    const byText = canned.filter((c) => !byShortcut.includes(c) && (foldText(c.shortcut).includes(query) || foldText(c.text).includes(query)));
    return [...byShortcut, ...byText].slice(0, 8).map((c) => ({ key: `c${c.id}`, label: `/${c.shortcut}`, detail: c.text }));
  }
  return people
    .filter((p) => foldText(p.name).split(/\s+/).some((word) => word.startsWith(query)) || foldText(p.name).startsWith(query))
    .slice(0, 8)
    .map((p) => ({ key: `p${p.id}`, label: p.name, detail: p.canSee ? undefined : cannotSee, muted: !p.canSee }));
}
