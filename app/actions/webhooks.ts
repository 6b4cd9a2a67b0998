"use server";

// Outgoing webhooks in Omnichannel › Integrations (managers): lib/webhooks validates and authorizes.
import { getDb } from "@/db/client";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, sendTestEvent } from "@/lib/webhooks/endpoints";
import type { NewWebhookInput } from "@/lib/webhooks/schemas";
import { serverAction } from "./server-action";

export const createWebhookAction = serverAction("createWebhook", (input: NewWebhookInput, user) => createWebhookEndpoint(getDb(), user, input));

export const deleteWebhookAction = serverAction("deleteWebhook", (input: { webhookId: number }, user) => deleteWebhookEndpoint(getDb(), user, input.webhookId));

export const sendTestEventAction = serverAction("sendTestEvent", (input: { webhookId: number }, user) => sendTestEvent(getDb(), user, input.webhookId));

export const listDeliveriesAction = serverAction("listDeliveries", async (input: { webhookId: number }, user) => ({
  deliveries: await listWebhookDeliveries(getDb(), user, input.webhookId),
}));
