// Clients that go away mid-request, as a closed browser tab does (issue 25 item 11): a
// server action's POST through proxy.ts — its body half sent, or whole and its answer
// still pending — a page GET, an API POST; each connection destroyed after a while, at
// several delays.
import { request } from "node:http";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BODY_BYTES = 20_000;

/** Sends the head and the body (whole, or its first part), then destroys the connection after `afterMs`. */
function abortedRequest(port: number, path: string, method: string, headers: Record<string, string>, afterMs: number, whole: boolean): Promise<void> {
  return new Promise((resolve) => {
    const req = request({ host: "localhost", port, path, method, headers: method === "POST" ? { ...headers, "content-length": String(BODY_BYTES) } : headers });
    req.on("error", () => resolve());
    req.on("response", (res) => res.resume());
    req.on("close", () => resolve());
    if (method !== "POST") req.end();
    else if (whole) req.end("x".repeat(BODY_BYTES));
    else req.write("x".repeat(4096));
    setTimeout(() => req.destroy(), afterMs);
  });
}

export async function abortRequests(options: { port: number; cookie: string; rounds: number; paths?: string[] }) {
  const { port, cookie, rounds, paths = ["/", "/inbox?c=1"] } = options;
  const action = { cookie, "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" };
  const form = { cookie, "content-type": "application/x-www-form-urlencoded" };
  const api = { cookie, "content-type": "application/json" };
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      [5, 50, 300, 2000].flatMap((afterMs) =>
        [true, false].flatMap((whole) => [
          ...paths.map((path) => abortedRequest(port, path, "POST", action, afterMs, whole)),
          ...paths.map((path) => abortedRequest(port, path, "POST", form, afterMs, whole)),
          abortedRequest(port, paths[0]!, "GET", { cookie }, afterMs, whole),
          abortedRequest(port, "/api/v1/conversations/1/messages", "POST", api, afterMs, whole),
        ]),
      ),
    );
    await sleep(200);
  }
}
