"use server";

// "Sign out everywhere" from the user menu: every session of the signed-in user ends
// (their session version moves on), on this device and all others; the browser then
// signs out here.
import { endAllSessions } from "@/lib/auth/users";
import { disconnectUser } from "@/lib/realtime/socket-control";
import { serverAction } from "./server-action";

export const signOutEverywhereSelf = serverAction("signOutEverywhereSelf", async (_input: Record<string, never>, user) => {
  await endAllSessions(user.id);
  await disconnectUser(user.id, "signed-out");
  return {};
});
