"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { validatedAction } from "@/lib/auth/validated-action";
import { setAgentStatus } from "@/lib/distribution";
import { announceChanges } from "@/lib/realtime/announce";
import { publish } from "@/lib/realtime/publish";

/** Online / Paused / Offline for the signed-in user (their own status only). */
export const setMyStatus = validatedAction("setMyStatus", z.enum(["online", "paused", "offline"]), async (status, user) => {
  const result = await setAgentStatus(getDb(), { userId: user.id, status });
  if (result.changed) publish({ type: "presence.changed", userId: user.id, status, groupIds: result.groupIds });
  announceChanges(result);
  return { status };
});
