"use server";

// The team (manager only): create users, reset a password, change a role, deactivate or reactivate.
// Same shape as groups.ts: lib/team validates and authorizes, the action signals.
import { getDb } from "@/db/client";
import { setUserActiveAnnounced } from "@/lib/realtime/announced-commands";
import { disconnectUser } from "@/lib/realtime/socket-control";
import { createUser, resetPassword, setUserRole, signOutEverywhere, unlockSignIn } from "@/lib/team";
import type { NewUserInput, ResetPasswordInput, UserActiveInput, UserRoleInput, UserSessionsInput } from "@/lib/team/schemas";
import { serverAction } from "./server-action";

export const createUserAction = serverAction("createUser", (input: NewUserInput, user) => createUser(getDb(), user, input));

export const resetPasswordAction = serverAction("resetPassword", async (input: ResetPasswordInput, user) => {
  const result = await resetPassword(getDb(), user, input);
  // A new password ends the user's sessions (session version): their open tabs go too.
  await disconnectUser(result.user.id, "password-changed");
  return result;
});

export const signOutEverywhereAction = serverAction("signOutEverywhere", async (input: UserSessionsInput, user) => {
  const result = await signOutEverywhere(getDb(), user, input);
  await disconnectUser(result.user.id, "signed-out");
  return result;
});

export const unlockSignInAction = serverAction("unlockSignIn", (input: UserSessionsInput, user) => unlockSignIn(getDb(), user, input));

export const setUserActiveAction = serverAction("setUserActive", (input: UserActiveInput, user) => setUserActiveAnnounced(getDb(), user, input));

/** A new role ends the person's sessions (the users trigger): their open tabs are told why. */
export const setUserRoleAction = serverAction("setUserRole", async (input: UserRoleInput, user) => {
  const result = await setUserRole(getDb(), user, input);
  if (result.changed) await disconnectUser(result.user.id, "role-changed");
  return result;
});
