"use client";

// After a change of mine: refetch what shows it, without waiting for the signal (which
// also comes, and refreshes the other managers' screens).
import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/realtime/query-keys";

export function useRefreshGroup(groupId: number) {
  const queryClient = useQueryClient();
  return (...otherGroupIds: number[]) =>
    Promise.all(
      [queryKeys.group(groupId), ...otherGroupIds.map(queryKeys.group), queryKeys.groups, queryKeys.board].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
}
