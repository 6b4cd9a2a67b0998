"use client";

// Personal API tokens: create (the token is shown once, here, and never again), list
// with last use, revoke. Managers reach anyone's from the team screen (?userId=).
// Creating asks for the creator's own password again; a revoked token says why.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/actions/api-tokens";
import { describeActionError } from "@/components/ui/action-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cardClass, describedBy, FormField, inputClass, Notice, SecretNotice } from "@/components/ui/field";
import { useI18n } from "@/components/i18n-provider";
import type { TokenView } from "@/lib/api/tokens";

type Token = Omit<TokenView, "createdAt" | "lastUsedAt" | "revokedAt"> & { createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

const REVOKED_BECAUSE = {
  revoked: "api.tokens.revoked",
  password_changed: "api.tokens.revokedBecause.password_changed",
  signed_out_everywhere: "api.tokens.revokedBecause.signed_out_everywhere",
  deactivated: "api.tokens.revokedBecause.deactivated",
} as const;

export function ApiTokens({ tokens, userId }: { tokens: Token[]; userId: number }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const when = (iso: string | null) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) : t("api.tokens.never"));

  async function create(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await createApiTokenAction({ userId, name, password });
    setPending(false);
    setPassword("");
    if (!result.ok) return setError(describeActionError(result.error, t));
    setError(null);
    setName("");
    setCreated(result.token);
    router.refresh();
  }

  async function revoke(tokenId: number) {
    const result = await revokeApiTokenAction({ tokenId });
    if (!result.ok) return setError(describeActionError(result.error, t));
    router.refresh();
  }

  return (
    <section className={`${cardClass} flex flex-col gap-4`} aria-labelledby="api-tokens-title" data-testid="api-tokens">
      <div>
        <h2 id="api-tokens-title" className="font-semibold">
          {t("api.tokens.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-500">{t("api.tokens.subtitle")}</p>
      </div>
      <form onSubmit={create} className="flex flex-col gap-3" noValidate>
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField id="token-name" label={t("api.tokens.name")} error={error?.fields.name}>
            <input {...describedBy("token-name", error?.fields.name, false)} className={inputClass} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </FormField>
          <FormField id="token-password" label={t("api.tokens.password")} hint={t("api.tokens.password.hint")} error={error?.fields.password}>
            <input
              {...describedBy("token-password", error?.fields.password)}
              type="password"
              className={inputClass}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
            />
          </FormField>
        </div>
        <Button type="submit" disabled={pending} data-testid="create-token">
          {t("api.tokens.create")}
        </Button>
      </form>
      {error && Object.keys(error.fields).length === 0 && <Notice tone="error">{error.message}</Notice>}
      {created && <SecretNotice label={t("api.tokens.shownOnce")} secret={created} testId="new-token" />}
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-500">{t("api.tokens.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="token-list">
          {tokens.map((token) => (
            <li key={token.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2 text-sm" data-testid="token-row">
              <span className="font-medium">{token.name}</span>
              <code className="font-mono text-xs text-slate-500">{token.prefix}…</code>
              <span className="text-xs text-slate-500">{t("api.tokens.lastUsed", { when: when(token.lastUsedAt) })}</span>
              <span className="ml-auto">
                {token.revokedAt ? (
                  <Badge tone="neutral">{t(REVOKED_BECAUSE[token.revokedReason ?? "revoked"])}</Badge>
                ) : (
                  <Button kind="secondary" size="sm" onClick={() => revoke(token.id)} data-testid="revoke-token">
                    {t("api.tokens.revoke")}
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
