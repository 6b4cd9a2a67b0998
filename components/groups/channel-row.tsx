"use client";

// One WhatsApp number of the group: whether it has a token (never the token), and its
// actions: set or replace the token, move it to another group, deactivate or reactivate.
import { useState } from "react";
import { moveChannelAction, setChannelActiveAction, setChannelTokenAction, setChannelWabaAction } from "@/app/actions/groups";
import { useI18n } from "@/components/i18n-provider";
import type { ChannelView, GroupDetails } from "@/lib/groups";
import { Button } from "@/components/ui/button";
import { inputClass, NamedOptions, Notice } from "@/components/ui/field";
import { EntryMenuEditor } from "./entry-menu-editor";
import { useGroupAction } from "./use-group-action";

const badge = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1";

export function ChannelRow({ channel, otherGroups, groups }: { channel: ChannelView; otherGroups: GroupDetails["otherGroups"]; groups: GroupDetails["otherGroups"] }) {
  const { t, locale } = useI18n();
  const { busy, error, run } = useGroupAction(channel.groupId);
  const [editingToken, setEditingToken] = useState(false);
  const [token, setToken] = useState("");
  const [target, setTarget] = useState("");
  const [editingMenu, setEditingMenu] = useState(false);
  const [wabaId, setWabaId] = useState(channel.wabaId ?? "");

  return (
    <li className="flex flex-col gap-2 py-3" data-testid="channel" data-phone-number-id={channel.phoneNumberId}>
      <div className="flex flex-wrap items-center gap-2">
        <span className={`font-medium ${channel.active ? "text-slate-900" : "text-slate-500 line-through"}`}>{channel.displayNumber}</span>
        <span className="text-xs text-slate-500">{t("groups.channels.idLabel", { id: channel.phoneNumberId })}</span>
        <span className={`${badge} ${channel.tokenSet ? "bg-brand-50 text-brand-700 ring-brand-100" : "bg-amber-50 text-amber-800 ring-amber-100"}`} data-testid="channel-token">
          {channel.tokenSet ? t("groups.channels.tokenSet") : t("groups.channels.noToken")}
        </span>
        {channel.tokenInvalidAt && (
          <span className={`${badge} bg-red-50 text-red-700 ring-red-200`} data-testid="channel-needs-token">
            {t("whatsapp.channel.needsToken")}
          </span>
        )}
        {channel.menu && (
          <span className={`${badge} bg-violet-50 text-violet-800 ring-violet-100`} data-testid="channel-menu-on">
            {t("routing.menu.on")}
          </span>
        )}
        {!channel.active && <span className={`${badge} bg-slate-100 text-slate-600 ring-slate-200`}>{t("groups.channels.inactive")}</span>}
      </div>
      {channel.tokenInvalidAt && (
        <p className="text-xs text-red-700" role="alert">
          {t("whatsapp.channel.needsTokenHint", { date: new Date(channel.tokenInvalidAt).toLocaleString(locale) })}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button kind="secondary" size="sm" disabled={busy} onClick={() => setEditingToken((open) => !open)} aria-expanded={editingToken}>
          {channel.tokenSet ? t("groups.channels.replaceToken") : t("groups.channels.setToken")}
        </Button>
        <Button kind="secondary" size="sm" onClick={() => setEditingMenu((open) => !open)} aria-expanded={editingMenu} data-testid="edit-menu">
          {t("routing.menu.edit")}
        </Button>
        {otherGroups.length > 0 && (
          <span className="flex items-center gap-1.5">
            <select className={`${inputClass} w-auto py-1 text-xs`} value={target} onChange={(e) => setTarget(e.target.value)} aria-label={t("groups.channels.moveTo")}>
              <option value="">{t("groups.channels.moveTo")}…</option>
              <NamedOptions items={otherGroups} />
            </select>
            <Button
              kind="secondary"
              size="sm"
              disabled={busy || !target}
              onClick={() => run(() => moveChannelAction({ channelId: channel.id, groupId: Number(target) }), () => setTarget(""), Number(target))}
            >
              {t("groups.channels.move")}
            </Button>
          </span>
        )}
        <Button
          kind={channel.active ? "danger" : "secondary"}
          size="sm"
          disabled={busy}
          onClick={() => run(() => setChannelActiveAction({ channelId: channel.id, active: !channel.active }))}
        >
          {channel.active ? t("groups.channels.deactivate") : t("groups.channels.activate")}
        </Button>
      </div>
      {editingToken && (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => setChannelTokenAction({ channelId: channel.id, accessToken: token }),
              () => {
                setToken("");
                setEditingToken(false);
              },
            );
          }}
        >
          <input
            className={`${inputClass} min-w-0 flex-1`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            aria-label={t("groups.channels.accessToken")}
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
          <Button kind="secondary" type="submit" disabled={busy || !token}>
            {t("groups.channels.saveToken")}
          </Button>
        </form>
      )}
      {editingMenu && <EntryMenuEditor channel={channel} groups={groups} onDone={() => setEditingMenu(false)} />}
      <form
        className="flex flex-wrap items-center gap-2"
        data-testid="channel-waba"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => setChannelWabaAction({ channelId: channel.id, wabaId }));
        }}
      >
        <label className="flex items-center gap-2 text-xs text-slate-600">
          {t("template.waba.label")}
          <input
            className={`${inputClass} w-48 py-1 text-xs`}
            inputMode="numeric"
            spellCheck={false}
            value={wabaId}
            onChange={(e) => setWabaId(e.target.value)}
          />
        </label>
        <Button kind="secondary" size="sm" type="submit" disabled={busy || wabaId.trim() === (channel.wabaId ?? "")}>
          {t("template.waba.save")}
        </Button>
      </form>
      {error && <Notice tone="error">{error}</Notice>}
    </li>
  );
}
