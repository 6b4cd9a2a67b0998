// `npm run dev` compiles each route on its first request: on a fresh clone the first
// sign-in took 46.7 s and the first take 7–20 s (issue 31). The dev server visits the
// routes a person reaches first, once it is listening, so that they are compiled before
// anyone asks — as a manager and as an agent, since most pages are behind the sign-in.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, users } from "@/db/schema";
import { sessionCookieFor } from "@/lib/auth/next-auth";

/** A path to visit, and whose session to visit it with (none: signed out). */
export type WarmVisit = { path: string; as?: "manager" | "agent" };

/** The pages and API routes of a first session, in the order a person meets them. */
export function warmVisits(conversationId: number | null): WarmVisit[] {
  const conversation = conversationId === null ? [] : [
    `/api/v1/conversations/${conversationId}`,
    `/api/v1/conversations/${conversationId}/messages`,
    `/api/v1/conversations/${conversationId}/activity`,
    `/api/v1/conversations/${conversationId}/members`,
    `/api/v1/conversations/${conversationId}/contact`,
    `/api/v1/conversations/${conversationId}/history`,
    `/api/v1/conversations/${conversationId}/canned-replies`,
    `/api/v1/conversations/${conversationId}/mention-candidates`,
  ];
  return [
    { path: "/login" },
    { path: "/api/auth/providers" },
    { path: "/api/auth/csrf" },
    { path: "/api/auth/session", as: "agent" },
    { path: "/inbox", as: "agent" },
    { path: "/api/v1/conversations?tab=queue", as: "agent" },
    { path: "/api/v1/me/unread", as: "agent" },
    ...conversation.map((path) => ({ path, as: "manager" as const })),
    { path: "/omnichannel/channel-groups", as: "manager" },
    { path: "/omnichannel/board", as: "manager" },
    { path: "/api/v1/manager/board", as: "manager" },
    { path: "/omnichannel/team", as: "manager" },
    { path: "/reports", as: "manager" },
  ];
}

/** Visits each route in turn (one compile at a time); a failure is logged, never thrown. */
export async function warmRoutes(
  db: Db,
  options: { baseUrl: string; secret: string; log: (line: string) => void; timeoutMs?: number },
): Promise<{ visited: number; failed: number; ms: number }> {
  const started = Date.now();
  const cookies = {
    manager: await cookieOf(db, "manager", options.secret),
    agent: await cookieOf(db, "agent", options.secret),
  };
  const [open] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(isNull(conversations.closedAt))
    .orderBy(asc(conversations.id))
    .limit(1);
  let visited = 0;
  let failed = 0;
  const assetsFetched = new Set<string>();
  const get = async (path: string, cookie: string | null) => {
    const answer = await fetch(new URL(path, options.baseUrl), {
      headers: cookie ? { cookie } : {},
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? 180_000),
    });
    return { status: answer.status, html: answer.headers.get("content-type")?.startsWith("text/html") ? await answer.text() : (await answer.arrayBuffer(), "") };
  };
  for (const visit of warmVisits(open?.id ?? null)) {
    const cookie = visit.as ? cookies[visit.as] : null;
    if (visit.as && !cookie) continue;
    try {
      const page = await get(visit.path, cookie);
      if (page.status >= 500) failed++;
      visited++;
      // The browser's scripts and styles compile on their own first request: ask for them too.
      for (const asset of staticAssetsOf(page.html)) {
        if (assetsFetched.has(asset)) continue;
        assetsFetched.add(asset);
        await get(asset, null).catch(() => undefined);
      }
    } catch {
      failed++;
    }
  }
  const ms = Date.now() - started;
  options.log(`warm-up: compiled ${visited} routes in ${Math.round(ms / 1000)} s${failed ? ` (${failed} failed)` : ""}`);
  return { visited, failed, ms };
}

/** The /_next/static scripts and stylesheets a page's HTML refers to. */
export function staticAssetsOf(html: string): string[] {
  return [...new Set([...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"?#]+)/g)].map((match) => match[1]!))];
}

/** A session cookie of the first active user with that role, or null when there is none. */
async function cookieOf(db: Db, role: "manager" | "agent", secret: string): Promise<string | null> {
  const [user] = await db
    .select({ id: users.id, name: users.name, role: users.role, sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(eq(users.role, role), eq(users.active, true)))
    .orderBy(asc(users.id))
    .limit(1);
  return user ? sessionCookieFor(user, secret) : null;
}
