// Presence end to end (docs/behaviour.md#presence): closing the last tab makes an agent
// offline after the grace period (E2E.presenceGraceSeconds on the e2e server), and distribution skips them
// from then on. And the socket server refuses to put an agent in a group's room they
// are not in.
import { io } from "socket.io-client";
import type { RealtimeSignal } from "@/lib/realtime/signals";
import { E2E } from "./e2e-env";
import { database, expect, groupId, signedInPage, test, userId } from "./fixtures";
import { assigneeOf, contactWrites, goOnline, newWaId, row, waitForRealtime } from "./inbox-fixtures";

const statusOf = async (email: string) => (await database()`SELECT status FROM users WHERE id = ${await userId(email)}`)[0]?.status;

test("an agent who closes their last tab goes offline after the grace period, and the next conversation goes to the other", async ({ onlineAgent }) => {
  // ana first: with equal loads, Vendas (balanced) would pick her.
  const ana = await onlineAgent("ana@fila.test");
  const bruno = await onlineAgent("bruno@fila.test");

  // Closing the last tab: offline once the grace period is over (when exactly, and that a
  // tab back within it keeps the agent online, is lib/realtime/presence.test.ts's, on a
  // fake clock: here a loaded machine may take longer than the grace to reload a page).
  await ana.context().close();
  await expect.poll(() => statusOf("ana@fila.test"), { timeout: 90_000 }).toBe("offline");

  const waId = newWaId();
  await contactWrites("Vendas", { waId, name: "Igor Santos" });
  await expect(row(bruno, waId)).toBeVisible({ timeout: 30_000 });
  expect(await assigneeOf(waId)).toEqual({ status: "assigned", email: "bruno@fila.test" });
  await bruno.context().close();
});

test("an agent's socket that asks to join a group they are not in is refused, and hears nothing of it", async ({ browser }) => {
  const ana = await signedInPage(browser, "ana@fila.test");
  await waitForRealtime(ana);
  const cookies = await ana.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toBeDefined();

  const socket = io(E2E.baseURL, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie: `${session!.name}=${session!.value}` }, reconnection: false });
  const heard: RealtimeSignal[] = [];
  socket.on("signals", (signals: RealtimeSignal[]) => heard.push(...signals));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });

  const financeiro = await groupId("Financeiro");
  expect(await socket.emitWithAck("groups:join", financeiro)).toMatchObject({ ok: false, error: { code: "forbidden" } });
  expect(await socket.emitWithAck("groups:join", "not-a-group")).toMatchObject({ ok: false });
  expect(await socket.emitWithAck("groups:join", await groupId("Vendas"))).toEqual({ ok: true });

  // A Financeiro conversation opens: ana's socket is told nothing about it.
  await contactWrites("Financeiro", { waId: newWaId(), name: "Natália Rocha" });
  await expect.poll(async () => (await database()`SELECT count(*)::int AS n FROM conversations WHERE group_id = ${financeiro}`)[0]?.n).toBe(1);
  await ana.waitForTimeout(500);
  expect(heard.filter((s) => "groupId" in s && s.groupId === financeiro)).toEqual([]);

  socket.close();

  // The inbox's HTTP routes refuse the same way, with a JSON answer.
  const [other] = await database()`SELECT id FROM conversations WHERE group_id = ${financeiro}`;
  for (const url of [`/api/v1/conversations/${other!.id}`, `/api/v1/conversations/${other!.id}/messages`, `/api/v1/conversations/${other!.id}/members`, "/api/v1/conversations?tab=all", `/api/v1/conversations?tab=queue&group=${financeiro}`]) {
    const response = await ana.request.get(url);
    expect(response.status(), url).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: "forbidden" } });
  }
  expect((await ana.request.get("/api/v1/conversations/abc")).status()).toBe(400);
  expect((await ana.request.get("/api/v1/conversations/424242")).status()).toBe(404);
  // Without a session: 401, not the sign-in page.
  const anonymous = await browser.newContext();
  const unauthenticated = await anonymous.request.get("/api/v1/conversations?tab=mine", { maxRedirects: 0 });
  expect(unauthenticated.status()).toBe(401);
  expect(await unauthenticated.json()).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  await anonymous.close();
  await ana.context().close();
});

test("the header's status follows the server: another tab's change shows at once", async ({ browser }) => {
  const first = await signedInPage(browser, "carla@fila.test");
  const second = await first.context().newPage();
  await second.goto("/inbox");
  await waitForRealtime(first);
  await waitForRealtime(second);
  await expect(first.getByTestId("not-online-banner")).toBeVisible();
  await goOnline(second, "carla@fila.test");
  await expect(first.getByTestId("status-switch")).toHaveAttribute("data-status", "online");
  await expect(first.getByTestId("not-online-banner")).toHaveCount(0);
  await second.getByRole("radio", { name: "Paused" }).click();
  await expect(first.getByTestId("status-switch")).toHaveAttribute("data-status", "paused");
  await first.context().close();
});

test("an Offline agent with work waiting is told so on every page, and the Online she chose comes back at her next sign-in", async ({ browser }) => {
  const waId = newWaId();
  // Nobody in Vendas is online: the customer waits in the queue, unread.
  await contactWrites("Vendas", { waId, name: "Olívia Espera" });
  await expect.poll(async () => (await assigneeOf(waId))?.status, { timeout: 30_000 }).toBe("queued");

  const ana = await signedInPage(browser, "ana@fila.test");
  await ana.goto("/mentions");
  const notice = ana.getByTestId("offline-notice");
  await expect(notice).toContainText("You are Offline, so no conversation comes to you: 1 conversation is waiting for you.", { timeout: 30_000 });
  await ana.screenshot({ path: "e2e/artifacts/offline-notice-en.png" });
  await notice.getByRole("button", { name: "Go Online" }).click();
  await expect(notice).toHaveCount(0);
  // Balanced, and Ana the only one online: it is hers now.
  await expect.poll(async () => (await assigneeOf(waId))?.email, { timeout: 30_000 }).toBe("ana@fila.test");

  // Her last tab closes: presence takes her offline once the grace period is over...
  await ana.context().close();
  await expect.poll(() => statusOf("ana@fila.test"), { timeout: 90_000 }).toBe("offline");
  // ...and her next sign-in gives back the Online she chose, without a click.
  const again = await signedInPage(browser, "ana@fila.test");
  await again.goto("/inbox");
  await expect(again.getByTestId("status-switch")).toHaveAttribute("data-status", "online", { timeout: 30_000 });
  expect(await statusOf("ana@fila.test")).toBe("online");
  await again.context().close();
});
