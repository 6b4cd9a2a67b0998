// Webhook endpoints in Omnichannel › Integrations (managers): register, list with their
// latest outcome, edit or pause, delete, and a test event. The secret is kept encrypted
// (the worker needs it to sign) and never shown again. The delivery log and replays are
// in delivery-log.ts, rotating the secret in rotate-secret.ts.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { webhookDeliveryState, webhookEndpoints, type WebhookDelivery, type WebhookEndpoint } from "@/db/schema";
import { requireManager, type Actor } from "@/lib/auth/permissions";
import { invalidFields, parseId, parseInput, UserError } from "@/lib/errors";
import { encryptSecret } from "@/lib/secrets";
import { refusalOfUrl } from "./safe-url";
import { editWebhookSchema, newWebhookSchema, type EditWebhookInput, type NewWebhookInput } from "./schemas";
import type { Same } from "@/lib/api/same-shape";

export type MaybeActor = Actor | null | undefined;

/** After a rotation, deliveries are signed with both secrets for this long. */
export const SECRET_OVERLAP_HOURS = 24;

/** As JSON carries it: times are ISO strings. `active` is `!paused`, kept for clients written before pausing. */
export type WebhookEndpointView = Pick<WebhookEndpoint, "id" | "url" | "events" | "active"> & {
  paused: boolean;
  /** Until then deliveries are also signed with the secret before the last rotation; null when there is none. */
  previousSecretUntil: string | null;
  createdAt: string;
  pending: number;
  failed: number;
  lastDelivery: (Pick<WebhookDelivery, "event" | "state" | "lastStatus" | "lastError"> & { lastAttemptAt: string | null }) | null;
};

/** An endpoint as the webhook operations answer it, declared once: the OpenAPI document and the API's tests use it. */
export const webhookEndpointAnswer = z
  .object({
    id: z.int().min(1),
    url: z.string(),
    events: z.array(z.string()),
    active: z.boolean(),
    paused: z.boolean(),
    previousSecretUntil: z.string().meta({ format: "date-time" }).nullable(),
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

const sameShape: Same<z.output<typeof webhookEndpointAnswer>, WebhookEndpointView> = true;
void sameShape;

export async function createWebhookEndpoint(db: Db, actor: MaybeActor, input: NewWebhookInput): Promise<{ endpoint: WebhookEndpointView }> {
  const manager = requireManager(actor);
  const { url, secret, events } = parseInput(newWebhookSchema, input);
  if (await refusalOfUrl(url)) throw invalidFields({ url: "webhooks.invalid.internalUrl" });
  const id = await db.transaction(async (tx) => {
    await refuseTakenUrl(tx, url, null);
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ url, secret: encryptSecret(secret), events, createdById: manager.id })
      .returning({ id: webhookEndpoints.id });
    return row!.id;
  });
  return { endpoint: await readEndpoint(db, id) };
}

/**
 * Changes the URL, the events or `paused`; only the fields present change. A paused
 * endpoint gets nothing new queued and its pending deliveries wait (the worker skips
 * them); resuming sends them, in order (docs/behaviour.md#outgoing-webhooks).
 */
export async function updateWebhookEndpoint(db: Db, actor: MaybeActor, id: unknown, input: EditWebhookInput): Promise<{ endpoint: WebhookEndpointView }> {
  requireManager(actor);
  const webhookId = parseId(id, "webhookId");
  const change = parseInput(editWebhookSchema, input);
  if (change.url !== undefined && (await refusalOfUrl(change.url))) throw invalidFields({ url: "webhooks.invalid.internalUrl" });
  await db.transaction(async (tx) => {
    await lockEndpoint(tx, webhookId);
    if (change.url !== undefined) await refuseTakenUrl(tx, change.url, webhookId);
    const set = {
      ...(change.url !== undefined && { url: change.url }),
      ...(change.events !== undefined && { events: change.events }),
      ...(change.paused !== undefined && { active: !change.paused }),
    };
    if (Object.keys(set).length > 0) await tx.update(webhookEndpoints).set(set).where(eq(webhookEndpoints.id, webhookId));
  });
  return { endpoint: await readEndpoint(db, webhookId) };
}

/** The endpoint's row, locked for the rest of the transaction, or 404. */
export async function lockEndpoint(tx: Tx, webhookId: number) {
  const [row] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, webhookId)).for("update");
  if (!row) throw new UserError("not_found", "This webhook does not exist.");
  return row;
}

/**
 * One registration per URL (SPEC §10): two writers of one URL at once queue on this lock,
 * and the second finds the first. URLs compare as parsed (host case, a bare origin's
 * slash); the table is a handful of rows.
 */
async function refuseTakenUrl(tx: Tx, url: string, except: number | null): Promise<void> {
  const same = sameUrl(url);
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('webhook-url'), hashtext(${same}))`);
  const existing = await tx.select({ id: webhookEndpoints.id, url: webhookEndpoints.url }).from(webhookEndpoints);
  const duplicate = existing.find((endpoint) => endpoint.id !== except && sameUrl(endpoint.url) === same);
  if (duplicate) {
    throw new UserError("conflict", "An endpoint with this URL is already registered.", { endpointId: duplicate.id }, { url: "webhooks.invalid.duplicateUrl" });
  }
}

/** The URL as compared for "the same URL": parsed and printed back (host case, default port, a bare origin's slash). */
function sameUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

export async function readEndpoint(db: Db | Tx, id: number): Promise<WebhookEndpointView> {
  const [endpoint] = await listEndpointRows(db, id);
  if (!endpoint) throw new UserError("not_found", "This webhook does not exist.");
  return endpoint;
}

function listEndpointRows(db: Db | Tx, id?: number) {
  return db.execute<WebhookEndpointView>(sql`
    SELECT e.id, e.url, e.events, e.active, NOT e.active AS paused,
           CASE WHEN e.previous_secret IS NOT NULL AND e.secret_rotated_at > now() - make_interval(hours => ${SECRET_OVERLAP_HOURS})
                THEN to_json(e.secret_rotated_at + make_interval(hours => ${SECRET_OVERLAP_HOURS})) #>> '{}' END AS "previousSecretUntil",
           to_json(e.created_at) #>> '{}' AS "createdAt",
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
