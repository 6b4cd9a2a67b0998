// The WhatsApp Cloud API channel (docs/behaviour.md#whatsapp): what the route, server.ts and the inbox use.
// Test and development tools (the fake Graph API, webhook payload builders) live in dev/.
export { graphConfigFromEnv, type GraphConfig, type RetryPolicy } from "./graph-config";
export { verifySubscription, receiveWebhook, purgeOldWebhookBodies, MAX_WEBHOOK_BYTES, type WebhookReceipt, type StoreAcceptedBody } from "./receive-webhook";
export { SIGNATURE_HEADER, signBody, verifySignature } from "./signature";
export { ingestWebhookEvent, followUp, type IngestOptions } from "./ingest";
export { processWebhookBatch, type BatchOptions, type ProcessedBatch } from "./webhook-queue";
export { createGroupCommit, StoreOverloadedError, type GroupCommit } from "./webhook-store";
export { processWebhookEvent, type ProcessedWebhook, type ProcessOutcome } from "./process-webhook-event";
export { retryPendingWebhooks, sweepWelcomeOutbox, type RetryOptions } from "./retry-pending-webhooks";
export { retryParkedItems, type ParkedRetention } from "./retry-parked-items";
export { explainedCodeOf, type ExplainedCode } from "./meta-errors";
export { sendReply, replyBodySchema, MAX_TEXT_LENGTH, type ReplyInput, type ReplyResult } from "./send-reply";
export { sendText, GraphApiError, type SendingChannel } from "./graph-api";
export type { InboundPayload } from "./inbound-message-content";
