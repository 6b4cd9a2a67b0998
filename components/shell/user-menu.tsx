"use client";

import { signOut } from "next-auth/react";
import { signOutEverywhereSelf } from "@/app/actions/session";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { setLocale } from "@/app/actions/preferences";
import { useI18n } from "@/components/i18n-provider";
import type { SessionUser } from "@/lib/auth/session";
import { locales, type Locale } from "@/lib/i18n/locales";
import { setQueueAlertsOn, setSoundMuted, useQueueAlertsOn, useSoundMuted } from "./alert-sound";
import { Button, buttonClass } from "@/components/ui/button";

const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", "pt-BR": "Português (Brasil)" };

export function UserMenu({ user }: { user: SessionUser }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const muted = useSoundMuted();
  const queueAlerts = useQueueAlertsOn();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    // Escape closes the menu and gives focus back to its button (WAI-ARIA menu button).
    const escape = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      ref.current?.querySelector<HTMLButtonElement>("[data-testid=user-menu-button]")?.focus();
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);

  const initials = user.name
    .split(" ")
    .map((p) => p[0])
    .slice(0, 2)
    .join("");

  return (
    <div className="relative" ref={ref}>
      <button
        onClick={() => setOpen((o) => !o)}
        aria-haspopup="menu"
        aria-expanded={open}
        // The initials it shows come first in its name (WCAG 2.5.3, label in name).
        aria-label={`${initials} · ${user.name}`}
        className="flex h-9 w-9 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700"
        data-testid="user-menu-button"
      >
        {initials}
      </button>
      {open && (
        <div role="menu" className="absolute right-0 z-50 mt-2 w-64 rounded-xl bg-white p-2 shadow-lg ring-1 ring-slate-200">
          <div className="px-3 py-2">
            <p className="text-sm font-semibold" data-testid="user-name">{user.name}</p>
            <p className="text-xs text-slate-500">{user.email}</p>
            <p className="mt-1 text-xs text-slate-500" data-testid="user-role">{t(`user.role.${user.role}`)}</p>
          </div>
          <label className="block px-3 py-2 text-xs text-slate-500">
            {t("user.language")}
            <select
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900"
              value={locale}
              onChange={async (e) => {
                await setLocale(e.target.value);
                router.refresh();
              }}
            >
              {locales.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2 px-3 py-2 text-sm text-slate-700">
            <input
              type="checkbox"
              data-testid="alert-sound-toggle"
              checked={!muted}
              onChange={(e) => setSoundMuted(!e.target.checked)}
              className="h-4 w-4 rounded border-slate-300 accent-brand-600"
            />
            {t("inbox.alert.sound.label")}
          </label>
          {user.role !== "manager" && (
            <label className="flex items-center gap-2 px-3 py-2 text-sm text-slate-700">
              <input
                type="checkbox"
                data-testid="queue-alerts-toggle"
                checked={queueAlerts}
                onChange={(e) => setQueueAlertsOn(e.target.checked)}
                className="h-4 w-4 rounded border-slate-300 accent-brand-600"
              />
              {t("inbox.alert.queue.label")}
            </label>
          )}
          <Link role="menuitem" href="/profile" onClick={() => setOpen(false)} className={`${buttonClass("ghost")} mt-1 w-full`} data-testid="profile-link">
            {t("profile.menu")}
          </Link>
          <Button
            kind="ghost"
            className="mt-1 w-full"
            role="menuitem"
            onClick={() => signOut({ callbackUrl: "/login" })}
          >
            {t("user.signOut")}
          </Button>
          <Button
            kind="ghost"
            className="w-full"
            role="menuitem"
            data-testid="sign-out-everywhere"
            onClick={async () => {
              await signOutEverywhereSelf({});
              await signOut({ callbackUrl: "/login" });
            }}
          >
            {t("user.signOutEverywhere")}
          </Button>
        </div>
      )}
    </div>
  );
}
