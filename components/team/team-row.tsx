"use client";

// One person of the team, with the manager's actions: reset their password, change their
// role, their groups, sign them out everywhere, deactivate or reactivate — each that
// cannot be quietly undone after a confirmation that says what happens.
import Link from "next/link";
import { useState } from "react";
import { resetPasswordAction, setUserActiveAction, setUserRoleAction, signOutEverywhereAction, unlockSignInAction } from "@/app/actions/team";
import { StatusDot } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { inputClass, Notice } from "@/components/ui/field";
import { describeActionError, refusalLine } from "@/components/ui/action-error";
import { useI18n } from "@/components/i18n-provider";
import type { TeamMember } from "@/lib/team";
import { ConfirmPanel } from "./confirm-panel";
import { MemberGroups } from "./member-groups";

type Mode = "idle" | "password" | "groups" | "confirmDeactivate" | "confirmRole" | "confirmSignOut";

/** The team table's columns (header and rows): a selection box, then the person. */
export const TEAM_COLUMNS = "md:grid-cols-[1.25rem_minmax(0,2fr)_minmax(0,1fr)_minmax(0,0.6fr)_minmax(0,1.6fr)]";

export function TeamRow({
  member,
  isMe,
  allGroups,
  selected,
  onSelect,
  onDone,
}: {
  member: TeamMember;
  isMe: boolean;
  allGroups: { id: number; name: string }[];
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onDone: (message: string) => Promise<void>;
}) {
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
    setMode("idle");
    await onDone(t("team.signOutEverywhere.done", { name: member.name }));
  }

  const newRole = member.role === "manager" ? "agent" : "manager";
  async function changeRole() {
    setBusy(true);
    const result = await setUserRoleAction({ userId: member.id, role: newRole });
    setBusy(false);
    if (!result.ok) return setError(refusalLine(result.error, t));
    setError(null);
    setMode("idle");
    // Making yourself an agent ends your own session: the socket sends this tab to sign in.
    await onDone(t(newRole === "manager" ? "team.role.done.manager" : "team.role.done.agent", { name: member.name }));
  }
  const toggle = (next: Mode) => setMode(mode === next ? "idle" : next);

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
      <div className={`grid grid-cols-[1.25rem_minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1.5 md:gap-x-4 ${TEAM_COLUMNS}`}>
        <input
          type="checkbox"
          className="h-4 w-4 accent-brand-600"
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={t("team.select", { name: member.name })}
          disabled={isMe}
        />
        <div className="min-w-0">
          <p className={`truncate text-sm font-semibold ${member.active ? "text-slate-900" : "text-slate-500"}`}>
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
        <span className="col-start-2 text-sm text-slate-700 tabular-nums md:col-start-auto">
          <span className="text-xs text-slate-500 md:hidden">{t("team.col.load")} </span>
          {member.load}
        </span>
        <span className="col-span-2 col-start-2 flex flex-wrap gap-1 md:col-span-1 md:col-start-auto">
          {member.groups.length === 0 ? (
            <span className="text-xs text-slate-500">{t("team.noGroups")}</span>
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
        <Button kind="secondary" size="sm" disabled={busy} onClick={() => toggle("groups")} aria-expanded={mode === "groups"}>
          {t("team.groups.edit")}
        </Button>
        {member.active && (
          <Button kind="secondary" size="sm" disabled={busy} onClick={() => toggle("confirmRole")} aria-expanded={mode === "confirmRole"}>
            {t(newRole === "manager" ? "team.role.makeManager" : "team.role.makeAgent")}
          </Button>
        )}
        {member.active && (
          <Button kind="secondary" size="sm" disabled={busy} onClick={() => toggle("confirmSignOut")} aria-expanded={mode === "confirmSignOut"}>
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
      {mode === "groups" && <MemberGroups member={member} allGroups={allGroups} onDone={onDone} onError={setError} />}
      {mode === "confirmDeactivate" && (
        <ConfirmPanel
          title={t("team.deactivate")}
          question={t("team.deactivate.confirm", { name: member.name })}
          confirmLabel={t("team.deactivate")}
          busy={busy}
          onConfirm={() => void setActive(false)}
          onCancel={() => setMode("idle")}
        />
      )}
      {mode === "confirmRole" && (
        <ConfirmPanel
          title={t("team.role.change")}
          question={
            isMe ? t("team.role.confirm.self") : t(newRole === "manager" ? "team.role.confirm.toManager" : "team.role.confirm.toAgent", { name: member.name })
          }
          confirmLabel={t(newRole === "manager" ? "team.role.makeManager" : "team.role.makeAgent")}
          confirmKind="primary"
          busy={busy}
          onConfirm={() => void changeRole()}
          onCancel={() => setMode("idle")}
          testId="confirm-role"
        />
      )}
      {mode === "confirmSignOut" && (
        <ConfirmPanel
          title={t("team.signOutEverywhere")}
          question={t("team.signOutEverywhere.confirm", { name: member.name })}
          confirmLabel={t("team.signOutEverywhere")}
          busy={busy}
          onConfirm={() => void endSessions()}
          onCancel={() => setMode("idle")}
          testId="confirm-sign-out"
        />
      )}
      {error && <Notice tone="error">{error}</Notice>}
    </li>
  );
}
