"use server";

// Personal API tokens on the profile (and, for managers, anyone's from the team screen).
import { getDb } from "@/db/client";
import { createApiToken, revokeApiToken, type NewTokenInput } from "@/lib/api/tokens";
import { serverAction } from "./server-action";

export const createApiTokenAction = serverAction("createApiToken", (input: NewTokenInput, user) => createApiToken(getDb(), user, input));

export const revokeApiTokenAction = serverAction("revokeApiToken", (input: { tokenId: number }, user) => revokeApiToken(getDb(), user, input));
