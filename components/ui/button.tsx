// Buttons: one look per kind, two sizes. `buttonClass` for links and labels that look
// like buttons; `Button` for buttons (type="button" unless told otherwise).
// - primary, secondary, danger, dangerSolid, dark: the labelled actions of forms and rows;
// - ghost: a quiet action with no frame (a menu's items, "Sign out"), left-aligned when wide;
// - icon: a square button holding only an icon (close, back, details): give it an aria-label;
// - link: an action that reads as a link inside text ("Show more", "Clear filters").
import type { ButtonHTMLAttributes } from "react";

const KINDS = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/60",
  secondary: "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:text-slate-500",
  danger: "bg-white text-red-700 ring-1 ring-red-200 hover:bg-red-50 disabled:text-red-300",
  dangerSolid: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/60",
  dark: "bg-slate-900 text-white hover:bg-slate-700 disabled:bg-slate-900/60",
  ghost: "text-slate-700 hover:bg-slate-100 disabled:text-slate-500",
  icon: "text-slate-500 hover:bg-slate-100 hover:text-slate-700 disabled:opacity-40",
  link: "text-brand-700 hover:underline disabled:opacity-60",
};

export type ButtonKind = keyof typeof KINDS;
export type ButtonSize = "sm" | "md";

function shapeOf(kind: ButtonKind, size: ButtonSize) {
  if (kind === "icon") return `justify-center rounded-md ${size === "sm" ? "p-1.5" : "p-2"}`;
  if (kind === "link") return "font-medium";
  const padding = size === "sm" ? "px-2.5 py-1.5 text-xs" : "h-9 px-3.5 text-sm";
  return `${kind === "ghost" ? "" : "justify-center "}rounded-lg font-medium whitespace-nowrap ${padding}`;
}

export function buttonClass(kind: ButtonKind = "primary", size: ButtonSize = "md") {
  return `inline-flex items-center gap-1.5 transition-colors disabled:cursor-not-allowed ${shapeOf(kind, size)} ${KINDS[kind]}`;
}

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { kind?: ButtonKind; size?: ButtonSize; ref?: React.Ref<HTMLButtonElement> };

export function Button({ kind = "primary", size = "md", className, type = "button", ...props }: Props) {
  return <button type={type} {...props} className={className ? `${buttonClass(kind, size)} ${className}` : buttonClass(kind, size)} />;
}
