// The one call Fila makes to the Graph API: send a text message. What a failure means
// is read from Meta's error code first (meta-errors.ts): rate limits (130429, 131056,
// 80007, HTTP 429) and Meta's own trouble (5xx, 131000, network) are retried with
// exponential backoff; everything else fails at once. A retry after a 5xx may deliver
// twice if Meta had in fact sent it; the Graph API has no idempotency key, and a
// duplicate beats a reply the contact never gets.
import { z } from "zod";
import { decryptSecret } from "@/lib/secrets";
import type { GraphConfig, RetryPolicy } from "./graph-config";
import { classifyMetaError, type MetaErrorFields, type MetaFailureKind } from "./meta-errors";

export type SendingChannel = { phoneNumberId: string; accessTokenEncrypted: string | null };

/** A send that failed for good; `error` is Meta's error object (message, type, code, …) or ours in that shape. */
export class GraphApiError extends Error {
  constructor(
    readonly error: Record<string, unknown> & { message: string },
    readonly httpStatus: number | null,
    readonly attempts: number,
  ) {
    super(error.message);
    this.name = "GraphApiError";
  }

  /** What the failure means, from Meta's code and the HTTP status. */
  get kind(): MetaFailureKind {
    return this.error.type === "channel_token" ? "token" : classifyMetaError(this.error as MetaErrorFields, this.httpStatus);
  }
}

/** Who receives a message: a phone number, or a business-scoped user id for contacts known only by it. */
export type Recipient = { waId: string | null; userId: string | null };

// A link in the text gets WhatsApp's preview.
const URL_PATTERN = /\bhttps?:\/\/[^\s]+|\bwww\.[^\s]+\.[^\s]+/i;
export const containsUrl = (text: string) => URL_PATTERN.test(text);

const sendResponseSchema = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });
export const errorResponseSchema = z.object({ error: z.looseObject({ message: z.string() }) });

export async function sendText(config: GraphConfig, channel: SendingChannel, to: string | Recipient, body: string): Promise<{ waMessageId: string }> {
  return sendMessage(config, channel, to, { type: "text", text: { preview_url: containsUrl(body), body } });
}

/** What the automatic messages send (docs/behaviour.md#entry-menu): text, or an entry menu's `{ type: "interactive", interactive }` as Meta documents it. */
export type OutgoingContent = { type: "text"; text: { preview_url: boolean; body: string } } | { type: "interactive"; interactive: Record<string, unknown> };

/** The type-specific part of a message: `{ type: "image", image: { id, caption } }`, `{ type: "template", template: … }`. */
export type MessageContent = { type: string } & Record<string, unknown>;

export async function sendMessage(config: GraphConfig, channel: SendingChannel, to: string | Recipient, content: MessageContent): Promise<{ waMessageId: string }> {
  const token = accessTokenOf(channel, config);
  const url = `${config.baseUrl.replace(/\/+$/, "")}/${config.version}/${encodeURIComponent(channel.phoneNumberId)}/messages`;
  const recipient: Recipient = typeof to === "string" ? { waId: to, userId: null } : to;
  // The phone number when known; else the business-scoped user id, in `recipient`.
  const addressee = recipient.waId ? { to: recipient.waId } : recipient.userId ? { recipient: recipient.userId } : null;
  if (!addressee) throw new GraphApiError({ message: "The contact has neither a phone number nor a WhatsApp user id", type: "no_recipient" }, null, 0);
  const request = {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", ...addressee, ...content }),
  };

  for (let attempt = 1; ; attempt++) {
    let failure: GraphApiError;
    let retryable: boolean;
    let retryAfterMs: number | null = null;
    try {
      const response = await fetch(url, { ...request, signal: AbortSignal.timeout(config.timeoutMs) });
      const json: unknown = await response.json().catch(() => null);
      if (response.ok) {
        const sent = sendResponseSchema.safeParse(json);
        if (sent.success) return { waMessageId: sent.data.messages[0]!.id };
        throw new GraphApiError({ message: "The Graph API accepted the message but returned no message id", response: json }, response.status, attempt);
      }
      const meta = errorResponseSchema.safeParse(json);
      failure = new GraphApiError(meta.success ? meta.data.error : { message: `HTTP ${response.status} from the Graph API` }, response.status, attempt);
      retryable = failure.kind === "rate_limit" || failure.kind === "transient";
      retryAfterMs = retryAfterOf(response.headers.get("retry-after"));
    } catch (error) {
      if (error instanceof GraphApiError) throw error;
      failure = new GraphApiError({ message: `Graph API unreachable: ${(error as Error).message}`, type: "network_error" }, null, attempt);
      retryable = true;
    }
    if (!retryable || attempt >= config.retry.attempts) throw failure;
    // Meta's Retry-After is honoured, within the policy's cap: an agent is waiting.
    await sleep(Math.min(retryAfterMs ?? backoffDelay(config.retry, attempt), config.retry.maxDelayMs));
  }
}

/** Seeded demo channels have no token: development uses a fixed one, production refuses. */
export function accessTokenOf(channel: SendingChannel, config: GraphConfig): string {
  if (channel.accessTokenEncrypted) {
    try {
      return decryptSecret(channel.accessTokenEncrypted);
    } catch (error) {
      throw new GraphApiError({ message: `The channel's access token cannot be decrypted: ${(error as Error).message}`, type: "channel_token" }, null, 0);
    }
  }
  if (config.fallbackAccessToken) return config.fallbackAccessToken;
  throw new GraphApiError({ message: `Channel ${channel.phoneNumberId} has no access token; a manager must set one`, type: "channel_token" }, null, 0);
}

// Jitter spreads the retries of many instances that failed at the same moment.
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const delay = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(delay * (0.75 + Math.random() * 0.5));
}

export function retryAfterOf(header: string | null): number | null {
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
