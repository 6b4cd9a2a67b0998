"use server";

// The team (manager only): create users, reset a password, deactivate or reactivate.
// Same shape as groups.ts: parse with the domain's schema, authorize, call lib/team,
// then signal.
import { getDb } from "@/db/client";
import { requireManager } from "@/lib/auth/permissions";
import { validatedAction } from "@/lib/auth/validated-action";
import { announceChanges } from "@/lib/realtime/announce";
import { publish } from "@/lib/realtime/publish";
import { disconnectUser } from "@/lib/realtime/socket-control";
import { createUser, resetPassword, setUserActive, signOutEverywhere, unlockSignIn } from "@/lib/team";
import { newUserSchema, resetPasswordSchema, userActiveSchema, userSessionsSchema } from "@/lib/team/schemas";

export const createUserAction = validatedAction("createUser", newUserSchema, async (input, user) => {
  requireManager(user);
  return createUser(getDb(), user, input);
});

export const resetPasswordAction = validatedAction("resetPassword", resetPasswordSchema, async (input, user) => {
  requireManager(user);
  const result = await resetPassword(getDb(), user, input);
  // A new password ends the user's sessions (session version): their open tabs go too.
  await disconnectUser(input.userId);
  return result;
});

export const signOutEverywhereAction = validatedAction("signOutEverywhere", userSessionsSchema, async (input, user) => {
  requireManager(user);
  const result = await signOutEverywhere(getDb(), user, input);
  await disconnectUser(input.userId);
  return result;
});

export const unlockSignInAction = validatedAction("unlockSignIn", userSessionsSchema, async (input, user) => {
  requireManager(user);
  return unlockSignIn(getDb(), user, input);
});

export const setUserActiveAction = validatedAction("setUserActive", userActiveSchema, async (input, user) => {
  requireManager(user);
  const result = await setUserActive(getDb(), user, input);
  if (result.changed) {
    publish({ type: "presence.changed", userId: result.user.id, status: "offline", groupIds: result.groupIds });
    // Deactivating ends every session (session version); reactivating brings none back.
    await disconnectUser(result.user.id);
  }
  announceChanges(result);
  return { user: result.user, changed: result.changed, requeued: result.requeued.length };
});
