"use server";

// "Sign out everywhere" from the user menu: every session of the signed-in user ends
// (their session version moves on), on this device and all others; the browser then
// signs out here.
import { z } from "zod";
import { endAllSessions } from "@/lib/auth/users";
import { validatedAction } from "@/lib/auth/validated-action";
import { disconnectUser } from "@/lib/realtime/socket-control";

export const signOutEverywhereSelf = validatedAction("signOutEverywhereSelf", z.object({}).strict(), async (_input, user) => {
  await endAllSessions(user.id);
  await disconnectUser(user.id);
  return {};
});
