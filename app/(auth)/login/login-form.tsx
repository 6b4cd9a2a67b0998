"use client";

import { Button } from "@/components/ui/button";
import { inputClass, Notice } from "@/components/ui/field";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import type { SessionEndReason } from "@/lib/realtime/session-ended";
import { Logo } from "@/components/shell/logo";

/** Why the session of the tab that came here ended (lib/realtime/session-ended.ts). */
const ENDED_BECAUSE = {
  "signed-out": "login.ended.signedOut",
  "password-changed": "login.ended.passwordChanged",
  deactivated: "login.ended.deactivated",
  "role-changed": "login.ended.roleChanged",
} as const;

export function LoginForm({ next, showDemoLogins, endedBecause }: { next: string; showDemoLogins: boolean; endedBecause: SessionEndReason | null }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      router.replace(safeCallbackPath(next));
      router.refresh();
      return;
    }
    setPending(false);
    setError(describeSignInError(result?.error ?? null));
  }

  function describeSignInError(error: string | null): string {
    if (error?.startsWith("throttled")) {
      // "throttled:<ISO time>": say when to try again, in the reader's clock and language.
      const retryAt = new Date(error.slice("throttled:".length));
      if (Number.isNaN(retryAt.getTime())) return t("login.error.throttled");
      const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(retryAt);
      return t("login.error.throttledUntil", { time });
    }
    if (error === "deactivated") return t("login.error.deactivated");
    if (error === "CredentialsSignin") return t("login.error.credentials");
    return t("login.error.generic");
  }

  return (
    <form onSubmit={onSubmit} className="w-full max-w-sm space-y-5 rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col items-center gap-2 text-center">
        <Logo className="h-10 w-10" />
        <h1 className="text-xl font-semibold">{t("login.title")}</h1>
        <p className="text-sm text-slate-500">{t("app.tagline")}</p>
      </div>
      {endedBecause && !error && (
        <Notice tone="info" testId="login-ended">
          {t(ENDED_BECAUSE[endedBecause])}
        </Notice>
      )}
      {error && (
        <Notice tone="error" testId="login-error">
          {error}
        </Notice>
      )}
      <label className="block space-y-1">
        <span className="text-sm font-medium text-slate-700">{t("login.email")}</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          className={inputClass}
        />
      </label>
      <label className="block space-y-1">
        <span className="text-sm font-medium text-slate-700">{t("login.password")}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={inputClass}
        />
      </label>
      <Button type="submit" kind="primary" disabled={pending} className="w-full">
        {pending ? t("login.submitting") : t("login.submit")}
      </Button>
      {showDemoLogins && <p className="text-center text-xs text-slate-500">{t("login.demo")}</p>}
    </form>
  );
}
