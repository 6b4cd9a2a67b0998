// The brand mark: lucide's chat bubbles on the brand colour.
import { MessagesSquare } from "lucide-react";

export function Logo({ className }: { className?: string }) {
  return (
    <span className={`inline-flex items-center justify-center rounded-lg bg-brand-600 text-white ${className ?? ""}`} aria-hidden="true">
      <MessagesSquare className="h-[62%] w-[62%]" strokeWidth={2.25} />
    </span>
  );
}
