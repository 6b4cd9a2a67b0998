// An agent's reply from the inbox. Who may reply is the caller's check
// (lib/auth/permissions.ts); what WhatsApp allows is checked here.
import type { Db } from "@/db/client";
import { UserError } from "@/lib/errors";
import { graphConfigFromEnv, type GraphConfig } from "./graph-config";
import { explainedCodeOf } from "./meta-errors";
import { loadOutboundTarget, storeAndSendText } from "./outbound-message";

/** WhatsApp's limit for the body of a text message, in characters. */
export const MAX_TEXT_LENGTH = 4096;

export type ReplyInput = { conversationId: number; userId: number; body: string };

/**
 * Stores and sends the reply; resolves once WhatsApp accepted it. A refused send is kept
 * as a failed message (its id in the error's params) and raised as `send_failed`.
 */
export async function sendReply(db: Db, input: ReplyInput, graph: GraphConfig = graphConfigFromEnv()): Promise<{ messageId: number }> {
  const body = input.body.trim();
  if (body.length === 0) throw new UserError("invalid_input", "Type a message before sending.");
  const length = [...body].length;
  if (length > MAX_TEXT_LENGTH) {
    throw new UserError("invalid_input", `A WhatsApp message can have at most ${MAX_TEXT_LENGTH} characters (this one has ${length}).`, {
      max: MAX_TEXT_LENGTH,
      length,
    });
  }

  const target = await loadOutboundTarget(db, input.conversationId);
  if (!target) throw new UserError("not_found", "This conversation does not exist.");
  if (target.status === "closed") throw new UserError("conflict", "This conversation is closed.");
  if (!target.windowOpen) {
    throw new UserError(
      "window_closed",
      "The 24-hour window to reply has closed. WhatsApp allows free-form replies only within 24 hours of the contact's last message.",
    );
  }

  const result = await storeAndSendText(db, target, { authorType: "user", authorUserId: input.userId }, body, graph);
  if (!result.sent) {
    // Meta's code, when the interface can explain it in the agent's language.
    const metaCode = explainedCodeOf(result.error.error);
    throw new UserError("send_failed", `WhatsApp did not accept the message: ${result.error.message}`, {
      messageId: result.messageId,
      reason: result.error.message,
      ...(metaCode && { metaCode }),
    });
  }
  return { messageId: result.messageId };
}
