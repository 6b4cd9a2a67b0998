"use server";

// The team (manager only): create users, reset a password, change a role, deactivate or reactivate.
// Same shape as groups.ts: lib/team validates and authorizes; the announced commands
// (lib/realtime/announced-commands.ts, shared with /api/v1) signal.
import { getDb } from "@/db/client";
import { resetPasswordAnnounced, setUserActiveAnnounced, setUserRoleAnnounced, signOutEverywhereAnnounced } from "@/lib/realtime/announced-commands";
import { createUser, unlockSignIn } from "@/lib/team";
import type { NewUserInput, ResetPasswordInput, UserActiveInput, UserRoleInput, UserSessionsInput } from "@/lib/team/schemas";
import { serverAction } from "./server-action";

export const createUserAction = serverAction("createUser", (input: NewUserInput, user) => createUser(getDb(), user, input));

export const resetPasswordAction = serverAction("resetPassword", (input: ResetPasswordInput, user) => resetPasswordAnnounced(getDb(), user, input));

export const signOutEverywhereAction = serverAction("signOutEverywhere", (input: UserSessionsInput, user) => signOutEverywhereAnnounced(getDb(), user, input));

export const unlockSignInAction = serverAction("unlockSignIn", (input: UserSessionsInput, user) => unlockSignIn(getDb(), user, input));

export const setUserActiveAction = serverAction("setUserActive", (input: UserActiveInput, user) => setUserActiveAnnounced(getDb(), user, input));

export const setUserRoleAction = serverAction("setUserRole", (input: UserRoleInput, user) => setUserRoleAnnounced(getDb(), user, input));
