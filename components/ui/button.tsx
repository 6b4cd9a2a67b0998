// Buttons: one look per kind, two sizes. `buttonClass` for links and labels that look
// like buttons; `Button` for buttons (type="button" unless told otherwise).
import type { ButtonHTMLAttributes } from "react";

const KINDS = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/60",
  secondary: "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:text-slate-400",
  danger: "bg-white text-red-700 ring-1 ring-red-200 hover:bg-red-50 disabled:text-red-300",
  dangerSolid: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/60",
  dark: "bg-slate-900 text-white hover:bg-slate-700 disabled:bg-slate-900/60",
};

export type ButtonKind = keyof typeof KINDS;

export function buttonClass(kind: ButtonKind = "primary", size: "sm" | "md" = "md") {
  const padding = size === "sm" ? "px-2.5 py-1.5 text-xs" : "h-9 px-3.5 text-sm";
  return `inline-flex items-center justify-center gap-1.5 rounded-lg font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed ${padding} ${KINDS[kind]}`;
}

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { kind?: ButtonKind; size?: "sm" | "md"; ref?: React.Ref<HTMLButtonElement> };

export function Button({ kind = "primary", size = "md", className, type = "button", ...props }: Props) {
  return <button type={type} {...props} className={className ? `${buttonClass(kind, size)} ${className}` : buttonClass(kind, size)} />;
}
