"use client";

// The first Tab stops of every page (issue 31): past the navigation and the header, to the
// page's content — in the inbox, to the list (its selected tab) or to the open
// conversation (its reply box, else its title) — so a keyboard does not walk 20-odd
// stops before the thread.
import { usePathname } from "next/navigation";
import { useI18n } from "@/components/i18n-provider";
import type { MessageKey } from "@/lib/i18n/translate";

export const MAIN_ID = "main-content";

const LINK =
  "sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-3 focus:text-sm focus:font-semibold focus:text-brand-700 focus:shadow-lg";

/** Where each skip link goes: the first of its targets that is on the page. */
const TARGETS: Record<"main" | "list" | "conversation", string[]> = {
  main: [`#${MAIN_ID}`],
  list: ['[data-testid="conversation-row"][aria-current="true"]', '[role="tab"][aria-selected="true"][id^="inbox-tab-"]'],
  conversation: ["#reply-box:not(:disabled)", '[data-testid="conversation-contact"]', `#${MAIN_ID}`],
};

export function focusFirst(selectors: string[]): boolean {
  for (const selector of selectors) {
    const element = document.querySelector<HTMLElement>(selector);
    if (!element) continue;
    if (element.tabIndex < 0 && !element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
    element.focus();
    element.scrollIntoView({ block: "nearest" });
    return true;
  }
  return false;
}

export function SkipLinks() {
  const { t } = useI18n();
  const inbox = usePathname().startsWith("/inbox");
  const links: { to: keyof typeof TARGETS; label: MessageKey }[] = inbox
    ? [
        { to: "list", label: "skip.list" },
        { to: "conversation", label: "skip.conversation" },
      ]
    : [{ to: "main", label: "skip.main" }];
  return (
    <nav aria-label={t("skip.label")}>
      {links.map((link) => (
        <a
          key={link.to}
          href={`#${MAIN_ID}`}
          className={LINK}
          data-testid={`skip-${link.to}`}
          onClick={(e) => {
            e.preventDefault();
            focusFirst(TARGETS[link.to]);
          }}
        >
          {t(link.label)}
        </a>
      ))}
    </nav>
  );
}

/** After the inbox's own list and conversation: where focus goes when the element it was on goes away. */
export const LIST_TARGETS = TARGETS.list;
export const CONVERSATION_TARGETS = TARGETS.conversation;

/** The latest action's watch: a newer action owns the focus, an older watch stops. */
let latestWatch = 0;

/**
 * An action is about to remove the button it was started from (Assign to me, Close, a
 * transfer): when the focus falls back to the page, it goes to the first of `preferred`
 * once it appears (the reply box, rendered a moment later), else to `fallback`.
 *
 * The answer and the live updates after it re-render the list and the conversation more
 * than once, so the watch goes on for `timeoutMs`: when the element it gave the focus to is
 * itself removed or disabled, the focus moves again; and while the focus is still where the
 * watch put it, a better target that appears later (one earlier in the lists: the list's
 * selected tab rather than the page's main region) takes it. A person who moves the focus
 * keeps their choice, and a newer action's watch replaces this one.
 */
export function refocusWhenLost(preferred: string[], fallback: string[], timeoutMs = 20_000) {
  const watch = ++latestWatch;
  const started = performance.now();
  const targets = [...preferred, ...fallback];
  let placed: { element: HTMLElement; rank: number } | null = null;
  const gone = (element: HTMLElement) => !element.isConnected || element.matches(":disabled") || element.getClientRects().length === 0;
  /** The first target on the page ranked before `before`; fallbacks only after 1.5 s. */
  const best = (before: number, waited: number) => {
    const usable = waited > 1500 ? targets.length : preferred.length;
    for (let rank = 0; rank < Math.min(before, usable); rank++) {
      const element = document.querySelector<HTMLElement>(targets[rank]!);
      if (element && !gone(element)) return { rank, selector: targets[rank]! };
    }
    return null;
  };
  const step = () => {
    if (watch !== latestWatch) return;
    const waited = performance.now() - started;
    const active = document.activeElement;
    const lost = active === null || active === document.body;
    const ours = placed !== null && active === placed.element;
    if ((lost && (placed === null || gone(placed.element))) || ours) {
      const target = best(ours ? placed!.rank : targets.length, waited);
      if (target && focusFirst([target.selector])) placed = { element: document.activeElement as HTMLElement, rank: target.rank };
    }
    if (waited < timeoutMs) requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}
