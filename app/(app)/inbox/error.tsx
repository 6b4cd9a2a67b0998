"use client";

// The inbox's error boundary: whatever fails while rendering it is shown here, not as a
// blank page; "Back to the inbox" drops the conversation from the address.
import { PaneError } from "@/components/inbox/pane-error";

export default function InboxError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="flex h-full">
      <PaneError onRetry={reset} backHref="/inbox" />
    </div>
  );
}
