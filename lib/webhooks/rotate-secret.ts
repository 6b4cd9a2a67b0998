// Rotating an endpoint's secret (docs/behaviour.md#outgoing-webhooks): a new one is made and
// shown once; for SECRET_OVERLAP_HOURS deliveries carry a signature with each secret, so the
// receiver can switch to the new one whenever it likes within that day and lose nothing.
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import { requireManager } from "@/lib/auth/permissions";
import { parseId } from "@/lib/errors";
import { encryptSecret } from "@/lib/secrets";
import { lockEndpoint, readEndpoint, webhookEndpointAnswer, type MaybeActor, type WebhookEndpointView } from "./endpoints";

/** POST /webhooks/{id}/rotate-secret answers 200 (the endpoint changes; nothing new gets an address) with the secret, this once. */
export const secretRotatedAnswer = z.object({
  endpoint: webhookEndpointAnswer,
  secret: z.string().min(16).describe("The new secret: shown this once, stored encrypted"),
});

/** 32 random bytes, as a receiver's configuration can hold them. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * The secret in force becomes the previous one (a previous one still in its overlap is
 * dropped: two rotations within a day leave the latest two secrets valid).
 */
export async function rotateWebhookSecret(db: Db, actor: MaybeActor, id: unknown): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  requireManager(actor);
  const webhookId = parseId(id, "webhookId");
  const secret = newWebhookSecret();
  await db.transaction(async (tx) => {
    const endpoint = await lockEndpoint(tx, webhookId);
    await tx
      .update(webhookEndpoints)
      .set({ secret: encryptSecret(secret), previousSecret: endpoint.secret, secretRotatedAt: sql`now()` })
      .where(eq(webhookEndpoints.id, webhookId));
  });
  return { endpoint: await readEndpoint(db, webhookId), secret };
}
