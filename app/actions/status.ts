"use server";

import { getDb } from "@/db/client";
import type { User } from "@/db/schema";
import { setOwnStatus } from "@/lib/distribution";
import { announceChanges } from "@/lib/realtime/announce";
import { publish } from "@/lib/realtime/publish";
import { serverAction } from "./server-action";

/** Online / Paused / Offline for the signed-in user (their own status only). */
export const setMyStatus = serverAction("setMyStatus", async (input: User["status"], user) => {
  const result = await setOwnStatus(getDb(), user, input);
  if (result.changed) publish({ type: "presence.changed", userId: user.id, status: result.status, groupIds: result.groupIds });
  announceChanges(result);
  return { status: result.status };
});
