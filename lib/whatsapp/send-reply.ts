// An agent's reply from the inbox. Who may reply is the caller's check
// (lib/auth/permissions.ts); what WhatsApp allows (the body, the 24-hour window) is
// checked here, once.
import { z } from "zod";
import type { Db } from "@/db/client";
import { parseInput, UserError } from "@/lib/errors";
import { CONTROL_MESSAGE_KEY, hasControlCharacters, isVisiblyEmpty } from "@/lib/text-input";
import { graphConfigFromEnv, type GraphConfig } from "./graph-config";
import { explainedCodeOf } from "./meta-errors";
import { loadOutboundTarget, storeAndSendText, type OutboundResult } from "./outbound-message";

/** WhatsApp's limit for the body of a text message, in characters. */
export const MAX_TEXT_LENGTH = 4096;

/**
 * Trimmed, not empty (zero-width characters alone count as empty), no control characters
 * (U+0000 cannot be stored), at most MAX_TEXT_LENGTH characters (not UTF-16 units).
 */
export const replyBodySchema = z
  .string({ error: "inbox.invalid.bodyEmpty" })
  .max(MAX_TEXT_LENGTH * 4, "inbox.invalid.bodyTooLong")
  .refine((body) => !hasControlCharacters(body, { multiline: true }), CONTROL_MESSAGE_KEY)
  .trim()
  .refine((body) => !isVisiblyEmpty(body), "inbox.invalid.bodyEmpty")
  .refine((body) => [...body].length <= MAX_TEXT_LENGTH, "inbox.invalid.bodyTooLong")
  // The limits the checks above enforce, as the OpenAPI document states them (characters, as JSON Schema counts).
  .meta({ minLength: 1, maxLength: MAX_TEXT_LENGTH });

export type ReplyInput = {
  conversationId: number;
  userId: number;
  body: string;
  /** Check again, under the conversation's row lock, that the user may reply (the assignee or a manager). */
  authorize?: boolean;
};

/**
 * A reply WhatsApp refused is still stored (as failed, with the reason), so a refused
 * send is a result, not an exception: the caller announces the message either way.
 */
export type ReplyResult = { sent: true; messageId: number } | { sent: false; messageId: number; error: UserError };

/** Stores and sends the reply; resolves once WhatsApp accepted or refused it. */
export async function sendReply(db: Db, input: ReplyInput, graph: GraphConfig = graphConfigFromEnv()): Promise<ReplyResult> {
  const { body } = parseInput(z.object({ body: replyBodySchema }), { body: input.body });

  const target = await loadOutboundTarget(db, input.conversationId);
  if (!target) throw new UserError("not_found", "This conversation does not exist.");
  if (target.status === "closed") throw new UserError("conflict", "This conversation is closed.");
  if (!target.windowOpen) {
    throw new UserError(
      "window_closed",
      "The 24-hour window to reply has closed. WhatsApp allows free-form replies only within 24 hours of the contact's last message.",
    );
  }

  const result = await storeAndSendText(db, target, { authorType: "user", authorUserId: input.userId, authorize: input.authorize }, body, graph);
  return replyResultOf(result, "message");
}

/** What an agent's send came to: sent, or refused by WhatsApp with a reason they can read. */
export function replyResultOf(result: OutboundResult, what: "message" | "file" | "template"): ReplyResult {
  if (result.sent) return { sent: true, messageId: result.messageId };
  const reason = result.error.message;
  // Meta's code, when the interface can explain it in the agent's language.
  const metaCode = explainedCodeOf(result.error.error);
  return {
    sent: false,
    messageId: result.messageId,
    error: new UserError("send_failed", `WhatsApp did not accept the ${what}: ${reason}`, { messageId: result.messageId, reason, ...(metaCode && { metaCode }) }),
  };
}
