"use client";

// "Seen" is the conversation open and visible in this tab (docs/behaviour.md#the-inbox unread): it reports the
// latest customer message shown, now and whenever the tab comes back into view. The
// server keeps the furthest report and signals the user's other tabs.
import { useEffect, useRef } from "react";
import { markConversationRead } from "@/app/actions/conversations";
import type { ThreadMessage } from "@/lib/inbox/types";

export function SeenReporter({ conversationId, messages }: { conversationId: number; messages: ThreadMessage[] | undefined }) {
  const reported = useRef(0);
  // Optimistic messages carry no server id yet; only the contact's own messages count.
  const latestInbound = (messages ?? []).reduce((max, m) => (m.direction === "in" && m.authorType === "contact" && m.id > max ? m.id : max), 0);

  useEffect(() => {
    const report = () => {
      if (document.visibilityState !== "visible" || latestInbound <= reported.current) return;
      const previous = reported.current;
      reported.current = latestInbound;
      void markConversationRead({ conversationId, messageId: latestInbound }).then(
        (result) => {
          if (!result.ok) reported.current = previous;
        },
        () => (reported.current = previous),
      );
    };
    report();
    document.addEventListener("visibilitychange", report);
    return () => document.removeEventListener("visibilitychange", report);
  }, [conversationId, latestInbound]);

  return null;
}
