// The e2e server is the compiled one (`npm run build`'s dist/, run by plain node;
// scripts/e2e-server.ts): readiness, Prometheus metrics and request ids on it
// (docs/operations.md#health-and-readiness, #metrics, #logs).
import { expect, test } from "@playwright/test";
import { E2E } from "./e2e-env";
import { contactWrites, newWaId } from "./inbox-fixtures";

test("the compiled server answers /api/ready, /metrics with the operations guide's names, and x-request-id", async ({ request }) => {
  const ready = await request.get(`${E2E.baseURL}/api/ready`);
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ ready: true, checks: { database: true, migrations: true, ingest: true, stopping: false } });

  // A request id given by a load balancer comes back; one is made up when none is given.
  const named = await request.get(`${E2E.baseURL}/api/health`, { headers: { "x-request-id": "lb-0123456789" } });
  expect(named.headers()["x-request-id"]).toBe("lb-0123456789");
  expect((await request.get(`${E2E.baseURL}/api/health`)).headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

  await contactWrites("Suporte", { waId: newWaId(), name: "Metrics" });
  await expect
    .poll(async () => (await (await request.get(`${E2E.baseURL}/metrics`)).text()).includes('fila_webhook_ack_seconds_count{outcome="stored"}'), { timeout: 30_000 })
    .toBe(true);
  const metrics = await request.get(`${E2E.baseURL}/metrics`);
  expect(metrics.status()).toBe(200);
  const text = await metrics.text();
  for (const name of [
    "fila_webhook_ack_seconds",
    "fila_ingest_queue_depth",
    "fila_ingest_lag_seconds",
    "fila_decision_seconds",
    "fila_conversations_waiting",
    "fila_agents_online",
    "fila_outbox_pending",
    "fila_socket_connections",
    "fila_db_pool_waiting",
    "process_resident_memory_bytes",
  ]) {
    expect(text).toContain(`# TYPE ${name}`);
  }
});
