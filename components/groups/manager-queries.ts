// The URLs of the manager area's reads (their keys are in lib/realtime/query-keys.ts).
export const managerUrls = {
  groupList: "/api/v1/manager/groups",
  groupDetails: (groupId: number) => `/api/v1/manager/groups/${groupId}`,
  groupHistory: (groupId: number) => `/api/v1/manager/groups/${groupId}/history`,
  board: (groupId?: number) => `/api/v1/manager/board${groupId === undefined ? "" : `?groupId=${groupId}`}`,
  team: "/api/v1/manager/team",
};
