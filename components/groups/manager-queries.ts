// The TanStack Query keys and fetchers of the manager area. Keys extend the shared ones
// (lib/realtime/query-keys.ts), so the signals that invalidate `groups`, `group(id)`
// and `board` refresh these too. The team list has no signal of its own: the team view
// listens for presence and group signals itself.
import { queryKeys } from "@/lib/realtime/query-keys";

export const managerKeys = {
  groupList: [...queryKeys.groups, "summary"] as const,
  groupDetails: (groupId: number) => [...queryKeys.group(groupId), "details"] as const,
  groupHistory: (groupId: number) => [...queryKeys.group(groupId), "history"] as const,
  board: (groupId?: number) => [...queryKeys.board, groupId ?? "all"] as const,
  team: ["team"] as const,
};

export const managerUrls = {
  groupList: "/api/v1/manager/groups",
  groupDetails: (groupId: number) => `/api/v1/manager/groups/${groupId}`,
  groupHistory: (groupId: number) => `/api/v1/manager/groups/${groupId}/history`,
  board: (groupId?: number) => `/api/v1/manager/board${groupId === undefined ? "" : `?groupId=${groupId}`}`,
  team: "/api/v1/manager/team",
};

export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
}
