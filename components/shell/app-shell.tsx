"use client";

import { Menu } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import type { SessionUser } from "@/lib/auth/session";
import type { MessageKey } from "@/lib/i18n/translate";
import { ChannelTokenAlerts } from "@/components/inbox/assignment-alerts";
import { ToastProvider } from "@/components/ui/toast";
import { AppAlerts } from "./app-alerts";
import { MentionAlerts, MentionsBadge } from "@/components/mentions/mention-alerts";
import { Logo } from "./logo";
import { OfflineNotice } from "./offline-notice";
import { MAIN_ID, SkipLinks } from "./skip-links";
import { StatusSwitch } from "./status-switch";
import { UserMenu } from "./user-menu";
import { Button } from "@/components/ui/button";

type NavItem = { href: string; label: MessageKey; managerOnly?: boolean; children?: NavItem[]; badge?: React.ReactNode };

const NAV: NavItem[] = [
  { href: "/inbox", label: "nav.inbox" },
  { href: "/mentions", label: "nav.mentions", badge: <MentionsBadge /> },
  {
    href: "/omnichannel",
    label: "nav.omnichannel",
    managerOnly: true,
    children: [
      { href: "/omnichannel/channel-groups", label: "nav.channelGroups" },
      { href: "/omnichannel/board", label: "nav.board" },
      { href: "/omnichannel/team", label: "nav.team" },
      { href: "/omnichannel/canned-replies", label: "nav.cannedReplies" },
      { href: "/omnichannel/integrations", label: "nav.integrations" },
    ],
  },
  { href: "/reports", label: "nav.reports", managerOnly: true },
];

export function AppShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const items = NAV.filter((item) => !item.managerOnly || user.role === "manager");
  const active = (href: string) => pathname === href || pathname.startsWith(`${href}/`);

  const nav = (
    <nav aria-label={t("nav.menu")} className="flex flex-col gap-1 p-3 text-sm">
      {items.map((item) =>
        item.children ? (
          <div key={item.href} className="mt-3 flex flex-col gap-1">
            <p className="px-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t(item.label)}</p>
            {item.children.map((child) => (
              <NavLink key={child.href} href={child.href} active={active(child.href)} onNavigate={() => setOpen(false)}>
                {t(child.label)}
              </NavLink>
            ))}
          </div>
        ) : (
          <NavLink key={item.href} href={item.href} active={active(item.href)} onNavigate={() => setOpen(false)}>
            {t(item.label)}
            {item.badge}
          </NavLink>
        ),
      )}
    </nav>
  );

  const brand = (
    <div className="flex items-center gap-2 px-5 py-4">
      <Logo className="h-7 w-7" />
      <span className="text-lg font-semibold">{t("app.name")}</span>
    </div>
  );

  return (
    <ToastProvider>
    <SkipLinks />
    <div className="flex h-full">
      <aside className="hidden w-60 shrink-0 flex-col border-r border-slate-200 bg-white md:flex" data-testid="sidebar">
        {brand}
        {nav}
      </aside>
      {open && (
        <div className="fixed inset-0 z-40 md:hidden" role="dialog" aria-modal="true">
          <button className="absolute inset-0 bg-slate-900/40" aria-label={t("common.cancel")} onClick={() => setOpen(false)} />
          <aside className="relative z-10 flex h-full w-64 flex-col bg-white shadow-xl" data-testid="sidebar-mobile">
            {brand}
            {nav}
          </aside>
        </div>
      )}
      <div className="flex min-w-0 flex-1 flex-col">
        {/* touch-targets: on a phone the menu, status and user buttons are 44×44 px at least (app/globals.css). */}
        <header className="touch-targets flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 md:px-5">
          <Button
            kind="icon"
            className="md:hidden"
            aria-label={t("nav.menu")}
            onClick={() => setOpen(true)}
          >
            <Menu className="h-5 w-5" aria-hidden="true" />
          </Button>
          <div className="flex-1" />
          <StatusSwitch initial={user.status} userId={user.id} />
          <UserMenu user={user} />
        </header>
        <OfflineNotice userId={user.id} initial={user.status} isManager={user.role === "manager"} />
        <main id={MAIN_ID} tabIndex={-1} className="min-h-0 flex-1 overflow-auto focus:outline-none">{children}</main>
        <MentionAlerts userId={user.id} />
      </div>
      <AppAlerts userId={user.id} isManager={user.role === "manager"} />
      <ChannelTokenAlerts isManager={user.role === "manager"} />
    </div>
    </ToastProvider>
  );
}

function NavLink({ href, active, onNavigate, children }: { href: string; active: boolean; onNavigate: () => void; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      onClick={onNavigate}
      aria-current={active ? "page" : undefined}
      className={`flex items-center gap-2 rounded-lg px-3 py-2 font-medium ${active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
    >
      {children}
    </Link>
  );
}
