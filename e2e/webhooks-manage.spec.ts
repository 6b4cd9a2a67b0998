// Integrations after registration (docs/behaviour.md#outgoing-webhooks): a manager edits an
// endpoint, pauses it (a test event waits) and resumes it (it arrives), rotates the secret
// (shown once; deliveries then carry both signatures), replays a delivery (same body, new
// X-Fila-Delivery) and pages the delivery log with "Load more".
import { createHmac } from "node:crypto";
import { database, expect, signedInPage, test } from "./fixtures";
import { LIVE_TIMEOUT } from "./inbox-fixtures";
import { startWebhookReceiver, type ReceivedWebhook } from "./api-fixtures";

const v2 = (secret: string, request: ReceivedWebhook) => `sha256=${createHmac("sha256", secret).update(`${request.headers["x-fila-timestamp"]}.${request.body}`).digest("hex")}`;

test("Integrations: edit, pause and resume, rotate the secret, replay a delivery, load more of the log", async ({ browser }) => {
  const { received, url, close } = await startWebhookReceiver();
  const secret = "e2e-webhook-secret-0123";

  const manager = await signedInPage(browser, "manager@fila.test", { viewport: { width: 1280, height: 900 } });
  await manager.goto("/omnichannel/integrations");
  await manager.getByLabel("URL").fill(url);
  await manager.getByLabel("Secret").fill(secret);
  await manager.getByRole("button", { name: "Add webhook" }).click();
  const endpoint = manager.getByTestId("webhook-row");
  await expect(endpoint).toContainText(url);

  // Edit: another URL (the same receiver, another path) and one event less.
  const edited = `${url}/edited`;
  await endpoint.getByTestId("edit-webhook").click();
  const form = endpoint.getByTestId("webhook-edit");
  await form.getByLabel("URL").fill(edited);
  await form.getByLabel("sla.breached").uncheck();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(endpoint.locator("code").first()).toHaveText(edited);
  await expect(endpoint).not.toContainText("sla.breached");

  // Pause: a test event waits, pending; resumed, it is delivered.
  await endpoint.getByTestId("pause-webhook").click();
  await expect(endpoint.getByTestId("paused-badge")).toBeVisible();
  await endpoint.getByRole("button", { name: "Send a test event" }).click();
  await expect(endpoint).toContainText("1 pending");
  expect(received).toHaveLength(0);
  await endpoint.getByTestId("pause-webhook").click();
  await expect(endpoint.getByTestId("paused-badge")).toHaveCount(0);
  await expect.poll(() => received.length, { timeout: LIVE_TIMEOUT }).toBe(1);
  expect(received[0]!.headers["x-fila-event"]).toBe("webhook.test");
  expect(received[0]!.headers["x-fila-signature-v2"]).toBe(v2(secret, received[0]!));

  // Rotate: the new secret is shown once; deliveries carry the new signature and the old one.
  await endpoint.getByTestId("rotate-secret").click();
  const shown = endpoint.getByTestId("new-secret-value");
  await expect(shown).toHaveText(/^whsec_[\w-]{40,}$/);
  const newSecret = (await shown.textContent())!;
  await expect(endpoint).toContainText("The previous secret also signs deliveries until");
  await endpoint.screenshot({ path: "test-results/webhooks-rotated-secret.png" });
  await endpoint.getByRole("button", { name: "Send a test event" }).click();
  await expect.poll(() => received.length, { timeout: LIVE_TIMEOUT }).toBe(2);
  expect(received[1]!.headers["x-fila-signature-v2"]).toBe(`${v2(newSecret, received[1]!)}, ${v2(secret, received[1]!)}`);
  await endpoint.getByRole("button", { name: "I have copied it" }).click();
  await expect(shown).toHaveCount(0);
  await manager.reload();
  expect(await manager.content()).not.toContain(newSecret);

  // Replay the first delivery: a new X-Fila-Delivery, the same body.
  await endpoint.getByTestId("open-log").click();
  const rows = endpoint.getByTestId("delivery-row");
  await expect(rows).toHaveCount(2);
  await rows.last().getByTestId("replay").click();
  await expect(endpoint).toContainText("Replay queued");
  await expect.poll(() => received.length, { timeout: LIVE_TIMEOUT }).toBe(3);
  expect(received[2]!.body).toBe(received[0]!.body);
  expect(received[2]!.headers["x-fila-delivery"]).not.toBe(received[0]!.headers["x-fila-delivery"]);
  await expect(rows).toHaveCount(3);
  await expect(rows.first().getByTestId("replay-badge")).toBeVisible();
  await expect(endpoint.getByTestId("replay-badge")).toHaveCount(1);
  await endpoint.screenshot({ path: "test-results/webhooks-replayed.png" });

  // A long log: the first page, then "Load more" brings the rest.
  const sql = database();
  await sql`
    INSERT INTO webhook_deliveries (endpoint_id, event, payload, state, attempts, last_status, delivered_at)
    SELECT e.id, 'webhook.test', jsonb_build_object('event', 'webhook.test', 'n', n), 'delivered', 1, 200, now()
      FROM webhook_endpoints e, generate_series(1, 60) n`;
  await endpoint.getByTestId("open-log").click();
  await expect(rows).toHaveCount(50);
  await endpoint.getByTestId("load-more").scrollIntoViewIfNeeded();
  await manager.screenshot({ path: "test-results/webhooks-load-more.png" });
  await endpoint.getByTestId("load-more").click();
  await expect(rows).toHaveCount(63);
  await expect(endpoint.getByTestId("load-more")).toHaveCount(0);

  await manager.context().close();
  await close();
});
