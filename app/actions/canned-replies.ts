"use server";

// Omnichannel › Canned replies (managers): lib/canned-replies validates, authorizes and
// audits; the wrapper in lib/realtime/announced-commands.ts announces the change.
import { getDb } from "@/db/client";
import type { CannedReplyInput, CannedReplyRef, CannedReplyUpdate } from "@/lib/canned-replies/schemas";
import { createCannedReplyAnnounced, deleteCannedReplyAnnounced, updateCannedReplyAnnounced } from "@/lib/realtime/announced-commands";
import { serverAction } from "./server-action";

export const createCanned = serverAction("createCannedReply", (input: CannedReplyInput, user) => createCannedReplyAnnounced(getDb(), user, input));

export const updateCanned = serverAction("updateCannedReply", (input: CannedReplyUpdate, user) => updateCannedReplyAnnounced(getDb(), user, input));

export const deleteCanned = serverAction("deleteCannedReply", (input: CannedReplyRef, user) => deleteCannedReplyAnnounced(getDb(), user, input));
