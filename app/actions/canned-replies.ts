"use server";

// Omnichannel › Canned replies (managers): lib/canned-replies validates, authorizes and audits.
import { getDb } from "@/db/client";
import { createCannedReply, deleteCannedReply, updateCannedReply, type CannedReplyChange } from "@/lib/canned-replies/canned-replies";
import type { CannedReplyInput, CannedReplyRef, CannedReplyUpdate } from "@/lib/canned-replies/schemas";
import { publish } from "@/lib/realtime/publish";
import { serverAction } from "./server-action";

function announce({ reply, groupIds }: CannedReplyChange) {
  publish({ type: "canned_replies.changed", groupIds });
  return { reply };
}

export const createCanned = serverAction("createCannedReply", async (input: CannedReplyInput, user) => announce(await createCannedReply(getDb(), user, input)));

export const updateCanned = serverAction("updateCannedReply", async (input: CannedReplyUpdate, user) => announce(await updateCannedReply(getDb(), user, input)));

export const deleteCanned = serverAction("deleteCannedReply", async (input: CannedReplyRef, user) => announce(await deleteCannedReply(getDb(), user, input)));
