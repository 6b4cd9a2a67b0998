"use server";

// The team (manager only): create users, reset a password, deactivate or reactivate.
// Same shape as groups.ts: lib/team validates and authorizes, the action signals.
import { getDb } from "@/db/client";
import { announceChanges } from "@/lib/realtime/announce";
import { publish } from "@/lib/realtime/publish";
import { disconnectUser } from "@/lib/realtime/socket-control";
import { createUser, resetPassword, setUserActive } from "@/lib/team";
import type { NewUserInput, ResetPasswordInput, UserActiveInput } from "@/lib/team/schemas";
import { serverAction } from "./server-action";

export const createUserAction = serverAction("createUser", (input: NewUserInput, user) => createUser(getDb(), user, input));

export const resetPasswordAction = serverAction("resetPassword", (input: ResetPasswordInput, user) => resetPassword(getDb(), user, input));

export const setUserActiveAction = serverAction("setUserActive", async (input: UserActiveInput, user) => {
  const result = await setUserActive(getDb(), user, input);
  if (result.changed) {
    publish({ type: "presence.changed", userId: result.user.id, status: "offline", groupIds: result.groupIds });
    if (!result.user.active) await disconnectUser(result.user.id);
  }
  announceChanges(result);
  return { user: result.user, changed: result.changed, requeued: result.requeued.length };
});
