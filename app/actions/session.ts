"use server";

// "Sign out everywhere" from the user menu: every session of the signed-in user ends
// (their session version moves on), on this device and all others; the browser then
// signs out here.
import { endOwnSessionsAnnounced } from "@/lib/realtime/announced-commands";
import { serverAction } from "./server-action";

export const signOutEverywhereSelf = serverAction("signOutEverywhereSelf", (_input: Record<string, never>, user) => endOwnSessionsAnnounced(user));
