// A program's side of the public API in e2e specs: a personal token made on the profile
// page as a person does, a plain-HTTP caller that uses it, and a webhook receiver.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { type Page } from "@playwright/test";
import { E2E } from "./e2e-env";
import { DEMO_PASSWORD, expect } from "./fixtures";

/** Creates a personal API token on the profile page and returns its value (shown once). */
export async function createToken(page: Page, name: string): Promise<string> {
  await page.goto("/profile");
  await page.getByLabel(/Token name|Nome do token/).fill(name);
  await page.getByLabel(/Your password|Sua senha/).fill(DEMO_PASSWORD);
  await page.getByTestId("create-token").click();
  const value = await page.getByTestId("new-token-value").textContent();
  expect(value).toMatch(/^fila_[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByTestId("token-row").filter({ hasText: name })).toBeVisible();
  return value!;
}

/** Calls /api/v1 with the token: JSON in, status and JSON out. */
export const api = (token: string) => async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${E2E.baseURL}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

/** What a webhook receiver got: each request's headers and raw body. */
export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string };

/** A webhook receiver on loopback that answers 200 and keeps every request, in order. */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/fila`;
  return { received, url, close: () => new Promise((resolve) => receiver.close(resolve)) };
}
