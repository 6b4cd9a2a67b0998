"use client";

// One person of the team, with the manager's actions: reset their password, deactivate
// (after a confirmation that says what happens) or reactivate.
import Link from "next/link";
import { useState } from "react";
import { resetPasswordAction, setUserActiveAction, signOutEverywhereAction, unlockSignInAction } from "@/app/actions/team";
import { StatusDot } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { inputClass, Notice } from "@/components/ui/field";
import { describeActionError } from "@/components/ui/action-error";
import { useI18n } from "@/components/i18n-provider";
import type { TeamMember } from "@/lib/team";

type Mode = "idle" | "password" | "confirmDeactivate";

/** The team table's columns (header and rows). */
export const TEAM_COLUMNS = "md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,0.6fr)_minmax(0,1.6fr)]";

export function TeamRow({ member, isMe, onDone }: { member: TeamMember; isMe: boolean; onDone: (message: string) => Promise<void> }) {
  const { t, locale } = useI18n();
  const [mode, setMode] = useState<Mode>("idle");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function resetPassword(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await resetPasswordAction({ userId: member.id, password });
    setBusy(false);
    if (!result.ok) {
      const described = describeActionError(result.error, t);
      return setError(described.fields.password ?? described.message);
    }
    setError(null);
    setPassword("");
    setMode("idle");
    await onDone(t("team.resetPassword.done", { name: member.name }));
  }

  async function setActive(active: boolean) {
    setBusy(true);
    const result = await setUserActiveAction({ userId: member.id, active });
    setBusy(false);
    if (!result.ok) {
      const described = describeActionError(result.error, t);
      return setError(Object.values(described.fields)[0] ?? described.message);
    }
    setError(null);
    setMode("idle");
    await onDone(active ? t("team.activate.done", { name: member.name }) : t("team.deactivate.done", { name: member.name, count: result.requeued }));
  }

  async function endSessions() {
    setBusy(true);
    const result = await signOutEverywhereAction({ userId: member.id });
    setBusy(false);
    if (!result.ok) return setError(describeActionError(result.error, t).message);
    setError(null);
    await onDone(t("team.signOutEverywhere.done", { name: member.name }));
  }

  async function unlock() {
    setBusy(true);
    const result = await unlockSignInAction({ userId: member.id });
    setBusy(false);
    if (!result.ok) return setError(describeActionError(result.error, t).message);
    setError(null);
    await onDone(t("team.unlock.done", { name: member.name }));
  }

  const lockedUntil = member.lockedUntil ? new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(new Date(member.lockedUntil)) : null;

  return (
    <li className="flex flex-col gap-2 px-4 py-3 md:px-5" data-testid="team-member" data-email={member.email} data-active={member.active}>
      <div className={`grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-1.5 ${TEAM_COLUMNS}`}>
        <div className="min-w-0">
          <p className={`truncate text-sm font-semibold ${member.active ? "text-slate-900" : "text-slate-400"}`}>
            {member.name}
            {isMe && <span className="ml-1.5 text-xs font-normal text-slate-500">({t("team.you")})</span>}
          </p>
          <p className="truncate text-xs text-slate-500">
            {member.email} · {t(`user.role.${member.role}`)}
          </p>
          {lockedUntil && (
            <p className="text-xs font-medium text-amber-700" data-testid="sign-in-locked">
              {t("team.locked", { time: lockedUntil })}
            </p>
          )}
        </div>
        <span className="justify-self-end md:justify-self-start">
          {member.active ? (
            <StatusDot status={member.status} />
          ) : (
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200">{t("team.inactive")}</span>
          )}
        </span>
        <span className="text-sm text-slate-700 tabular-nums">
          <span className="text-xs text-slate-500 md:hidden">{t("team.col.load")} </span>
          {member.load}
        </span>
        <span className="col-span-2 flex flex-wrap gap-1 md:col-span-1">
          {member.groups.length === 0 ? (
            <span className="text-xs text-slate-400">{t("team.noGroups")}</span>
          ) : (
            member.groups.map((group) => (
              <span key={group.id} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {group.name}
              </span>
            ))
          )}
        </span>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button kind="secondary" size="sm" disabled={busy} onClick={() => setMode(mode === "password" ? "idle" : "password")} aria-expanded={mode === "password"}>
          {t("team.resetPassword")}
        </Button>
        {member.active && (
          <Button kind="secondary" size="sm" disabled={busy} onClick={() => void endSessions()}>
            {t("team.signOutEverywhere")}
          </Button>
        )}
        <Link className={buttonClass("secondary", "sm")} href={`/profile?userId=${member.id}`} data-testid="member-tokens">
          {t("api.tokens.manage")}
        </Link>
        {lockedUntil && (
          <Button kind="secondary" size="sm" disabled={busy} onClick={() => void unlock()}>
            {t("team.unlock")}
          </Button>
        )}
        {!isMe &&
          (member.active ? (
            <Button kind="danger" size="sm" disabled={busy} onClick={() => setMode("confirmDeactivate")}>
              {t("team.deactivate")}
            </Button>
          ) : (
            <Button kind="secondary" size="sm" disabled={busy} onClick={() => setActive(true)}>
              {t("team.activate")}
            </Button>
          ))}
      </div>
      {mode === "password" && (
        <form className="flex flex-wrap gap-2" onSubmit={resetPassword}>
          <input
            className={`${inputClass} min-w-0 flex-1`}
            type="password"
            autoComplete="new-password"
            aria-label={t("team.resetPassword.new", { name: member.name })}
            placeholder={t("team.resetPassword.new", { name: member.name })}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <Button size="sm" type="submit" disabled={busy}>
            {t("team.resetPassword.save")}
          </Button>
        </form>
      )}
      {mode === "confirmDeactivate" && (
        <div className="flex flex-col gap-2 rounded-lg bg-red-50 p-3 text-sm text-red-900 ring-1 ring-red-100" role="alertdialog" aria-label={t("team.deactivate")}>
          <p>{t("team.deactivate.confirm", { name: member.name })}</p>
          <div className="flex gap-2">
            <Button kind="dangerSolid" size="sm" disabled={busy} onClick={() => setActive(false)}>
              {t("team.deactivate")}
            </Button>
            <Button kind="secondary" size="sm" disabled={busy} onClick={() => setMode("idle")}>
              {t("common.cancel")}
            </Button>
          </div>
        </div>
      )}
      {error && <Notice tone="error">{error}</Notice>}
    </li>
  );
}
