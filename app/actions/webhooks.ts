"use server";

// Outgoing webhooks in Omnichannel › Integrations (managers): lib/webhooks validates and authorizes.
import { getDb } from "@/db/client";
import { listWebhookDeliveries, replayWebhookDelivery } from "@/lib/webhooks/delivery-log";
import { createWebhookEndpoint, deleteWebhookEndpoint, sendTestEvent, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import type { EditWebhookInput, NewWebhookInput } from "@/lib/webhooks/schemas";
import { serverAction } from "./server-action";

export const createWebhookAction = serverAction("createWebhook", (input: NewWebhookInput, user) => createWebhookEndpoint(getDb(), user, input));

export const updateWebhookAction = serverAction("updateWebhook", ({ webhookId, ...change }: EditWebhookInput & { webhookId: number }, user) =>
  updateWebhookEndpoint(getDb(), user, webhookId, change),
);

export const rotateWebhookSecretAction = serverAction("rotateWebhookSecret", (input: { webhookId: number }, user) => rotateWebhookSecret(getDb(), user, input.webhookId));

export const deleteWebhookAction = serverAction("deleteWebhook", (input: { webhookId: number }, user) => deleteWebhookEndpoint(getDb(), user, input.webhookId));

export const sendTestEventAction = serverAction("sendTestEvent", (input: { webhookId: number }, user) => sendTestEvent(getDb(), user, input.webhookId));

export const listDeliveriesAction = serverAction("listDeliveries", (input: { webhookId: number; cursor?: string }, user) =>
  listWebhookDeliveries(getDb(), user, input.webhookId, { cursor: input.cursor }),
);

export const replayDeliveryAction = serverAction("replayDelivery", (input: { webhookId: number; deliveryId: string }, user) =>
  replayWebhookDelivery(getDb(), user, input.webhookId, input.deliveryId),
);
