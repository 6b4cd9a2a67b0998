// Webhook endpoints in Omnichannel › Integrations (managers): register, list with their
// latest outcome, delete, the delivery log, and a test event. The secret is kept
// encrypted (the worker needs it to sign) and never shown again.
import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhookDeliveryState, webhookEndpoints, type WebhookDelivery, type WebhookEndpoint } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { invalidFields, parseId, parseInput, UserError } from "@/lib/errors";
import { encryptSecret } from "@/lib/secrets";
import { refusalOfUrl } from "./safe-url";
import { newWebhookSchema, type NewWebhookInput } from "./schemas";

type MaybeActor = Actor | null | undefined;

/** As JSON carries it: times are ISO strings. */
export type WebhookEndpointView = Pick<WebhookEndpoint, "id" | "url" | "events" | "active"> & {
  createdAt: string;
  pending: number;
  failed: number;
  lastDelivery: (Pick<WebhookDelivery, "event" | "state" | "lastStatus" | "lastError"> & { lastAttemptAt: string | null }) | null;
};

/** An endpoint as GET/POST /api/v1/webhooks answer it, declared once: the OpenAPI document and the API's tests use it. */
export const webhookEndpointAnswer = z
  .object({
    id: z.int().min(1),
    url: z.string(),
    events: z.array(z.string()),
    active: z.boolean(),
    createdAt: z.string().meta({ format: "date-time" }),
    pending: z.int().min(0),
    failed: z.int().min(0),
    lastDelivery: z
      .object({
        event: z.string(),
        state: z.enum(webhookDeliveryState.enumValues),
        lastStatus: z.int().nullable(),
        lastError: z.string().nullable(),
        lastAttemptAt: z.string().meta({ format: "date-time" }).nullable(),
      })
      .nullable(),
  })
  .meta({ id: "WebhookEndpoint" });
export const webhookListAnswer = z.array(webhookEndpointAnswer);
export const webhookCreatedAnswer = z.object({ endpoint: webhookEndpointAnswer });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.output<typeof webhookEndpointAnswer>, WebhookEndpointView> = true;
void sameShape;

export type DeliveryView = Pick<
  WebhookDelivery,
  "id" | "deliveryId" | "event" | "state" | "attempts" | "nextAttemptAt" | "lastStatus" | "lastResponse" | "lastError" | "lastAttemptAt" | "deliveredAt" | "createdAt"
>;

export async function createWebhookEndpoint(db: Db, actor: MaybeActor, input: NewWebhookInput): Promise<{ endpoint: WebhookEndpointView }> {
  const manager = requireManager(actor);
  const { url, secret, events } = parseInput(newWebhookSchema, input);
  if (await refusalOfUrl(url)) throw invalidFields({ url: "webhooks.invalid.internalUrl" });
  const id = await db.transaction(async (tx) => {
    // One registration per URL (SPEC §10): two creations of one URL at once queue on this
    // lock, and the second finds the first. URLs compare as parsed (host case, a bare
    // origin's slash); the table is a handful of rows.
    const same = sameUrl(url);
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('webhook-url'), hashtext(${same}))`);
    const existing = await tx.select({ id: webhookEndpoints.id, url: webhookEndpoints.url }).from(webhookEndpoints);
    const duplicate = existing.find((endpoint) => sameUrl(endpoint.url) === same);
    if (duplicate) {
      throw new UserError("conflict", "An endpoint with this URL is already registered.", { endpointId: duplicate.id }, { url: "webhooks.invalid.duplicateUrl" });
    }
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ url, secret: encryptSecret(secret), events, createdById: manager.id })
      .returning({ id: webhookEndpoints.id });
    return row!.id;
  });
  return { endpoint: await readEndpoint(db, id) };
}

/** The URL as compared for "the same URL": parsed and printed back (host case, default port, a bare origin's slash). */
function sameUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

async function readEndpoint(db: Db, id: number): Promise<WebhookEndpointView> {
  const [endpoint] = await listEndpointRows(db, id);
  if (!endpoint) throw new UserError("not_found", "This webhook does not exist.");
  return endpoint;
}

function listEndpointRows(db: Db, id?: number) {
  return db.execute<WebhookEndpointView>(sql`
    SELECT e.id, e.url, e.events, e.active, to_json(e.created_at) #>> '{}' AS "createdAt",
           (SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.state = 'pending') AS pending,
           (SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.state = 'failed') AS failed,
           (SELECT json_build_object('event', d.event, 'state', d.state, 'lastStatus', d.last_status, 'lastError', d.last_error, 'lastAttemptAt', d.last_attempt_at)
              FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.last_attempt_at IS NOT NULL
             ORDER BY d.last_attempt_at DESC LIMIT 1) AS "lastDelivery"
      FROM webhook_endpoints e
     ${id === undefined ? sql`` : sql`WHERE e.id = ${id}`}
     ORDER BY e.id`);
}

export async function listWebhookEndpoints(db: Db, actor: MaybeActor): Promise<WebhookEndpointView[]> {
  requireManager(actor);
  return listEndpointRows(db);
}

export async function deleteWebhookEndpoint(db: Db, actor: MaybeActor, id: unknown): Promise<{ deleted: number }> {
  requireManager(actor);
  const webhookId = parseId(id, "webhookId");
  const rows = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, webhookId)).returning({ id: webhookEndpoints.id });
  if (rows.length === 0) throw new UserError("not_found", "This webhook does not exist.");
  return { deleted: webhookId };
}

/** The endpoint's latest deliveries, newest first. */
export async function listWebhookDeliveries(db: Db, actor: MaybeActor, id: unknown, limit = 50): Promise<DeliveryView[]> {
  requireManager(actor);
  const webhookId = parseId(id, "webhookId");
  await readEndpoint(db, webhookId);
  return db
    .select({
      id: webhookDeliveries.id,
      deliveryId: webhookDeliveries.deliveryId,
      event: webhookDeliveries.event,
      state: webhookDeliveries.state,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastStatus: webhookDeliveries.lastStatus,
      lastResponse: webhookDeliveries.lastResponse,
      lastError: webhookDeliveries.lastError,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, webhookId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
}

/** Queues a `webhook.test` delivery to this endpoint only; the worker sends it as any other. */
export async function sendTestEvent(db: Db, actor: MaybeActor, id: unknown): Promise<{ deliveryId: string }> {
  const manager = requireManager(actor);
  const webhookId = parseId(id, "webhookId");
  await readEndpoint(db, webhookId);
  const [row] = await db.execute<{ deliveryId: string }>(sql`
    INSERT INTO webhook_deliveries (delivery_id, endpoint_id, event, payload)
    SELECT s.u, ${webhookId}, 'webhook.test',
           jsonb_build_object('id', s.u, 'event', 'webhook.test',
                              'createdAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                              'data', jsonb_build_object('webhookId', ${webhookId}::int, 'sentBy', ${manager.id}::int))
      FROM (SELECT gen_random_uuid() AS u) s
    RETURNING delivery_id AS "deliveryId"`);
  return { deliveryId: row!.deliveryId };
}

