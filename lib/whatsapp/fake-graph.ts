// A stand-in for the Graph API on loopback, for tests, e2e and local runs (SPEC §6: the
// code path is the real one, only GRAPH_API_URL differs). It accepts sends, answers
// like Meta, records what it got, fails on demand, and can report delivery statuses
// back to the app as signed webhooks, the way Meta does.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { newWamid, postSignedWebhook, statusesNotification } from "./webhook-payloads";

export type SentMessage = {
  version: string;
  phoneNumberId: string;
  authorization: string;
  to: string;
  body: string;
  waMessageId: string;
  request: Record<string, unknown>;
  at: string;
};

export type FakeGraphOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Report sent → delivered → read for each accepted message. Off unless given. */
  statusCallbacks?: { webhookUrl: string; appSecret: string; delaysMs?: { sent: number; delivered: number; read: number } };
  log?: (line: string) => void;
};

export type FakeGraph = {
  url: string;
  port: number;
  /** Messages accepted, in order. */
  sent(): SentMessage[];
  /** Every POST to a messages endpoint with the status it got: retries show here. */
  requests(): { phoneNumberId: string; status: number }[];
  /** The next `count` sends fail with `status` (500 by default). */
  failNext(count: number, status?: number): void;
  /** Every send fails with `status` until reset. */
  failAlways(status?: number): void;
  reset(): void;
  close(): Promise<void>;
};

const MESSAGES_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/messages\/?$/;

// Meta's error objects for the statuses the fake can be told to answer.
function metaError(status: number): Record<string, unknown> {
  const fbtrace_id = `A${Math.random().toString(36).slice(2, 12)}`;
  if (status === 401) return { message: "Invalid OAuth access token - Cannot parse access token", type: "OAuthException", code: 190, fbtrace_id };
  if (status === 429) return { message: "(#130429) Rate limit hit", type: "OAuthException", code: 130429, fbtrace_id };
  if (status >= 500) return { message: "(#131000) Something went wrong", type: "OAuthException", code: 131000, fbtrace_id };
  return { message: "(#100) Invalid parameter", type: "OAuthException", code: 100, fbtrace_id };
}

export async function startFakeGraph(options: FakeGraphOptions = {}): Promise<FakeGraph> {
  const log = options.log ?? (() => {});
  let sent: SentMessage[] = [];
  let requests: { phoneNumberId: string; status: number }[] = [];
  let failures = { count: 0, status: 500 };
  let failingStatus: number | null = null;
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, run: () => Promise<unknown>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run().catch((error) => log(`status callback failed: ${(error as Error).message}`));
    }, ms);
    timers.add(timer);
  };

  function reportStatuses(message: SentMessage) {
    const callbacks = options.statusCallbacks;
    if (!callbacks) return;
    const delays = callbacks.delaysMs ?? { sent: 50, delivered: 300, read: 1500 };
    for (const status of ["sent", "delivered", "read"] as const) {
      later(delays[status], async () => {
        const body = statusesNotification({ phoneNumberId: message.phoneNumberId }, [{ id: message.waMessageId, status, recipientId: message.to }]);
        const response = await postSignedWebhook(callbacks.webhookUrl, callbacks.appSecret, body);
        log(`status ${status} of ${message.waMessageId} → ${response.status}`);
      });
    }
  }

  function acceptSend(version: string, phoneNumberId: string, authorization: string, raw: string): { status: number; json: unknown } {
    if (!/^Bearer \S+/.test(authorization)) return { status: 401, json: { error: metaError(401) } };
    const failWith = failingStatus ?? (failures.count > 0 ? failures.status : null);
    if (failWith !== null) {
      if (failingStatus === null) failures.count--;
      return { status: failWith, json: { error: metaError(failWith) } };
    }
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { status: 400, json: { error: metaError(400) } };
    }
    const text = request.text as { body?: unknown } | undefined;
    if (request.messaging_product !== "whatsapp" || typeof request.to !== "string" || request.type !== "text" || typeof text?.body !== "string") {
      return { status: 400, json: { error: metaError(400) } };
    }
    const message: SentMessage = {
      version,
      phoneNumberId,
      authorization,
      to: request.to,
      body: text.body,
      waMessageId: newWamid(),
      request,
      at: new Date().toISOString(),
    };
    sent.push(message);
    log(`sent ${message.waMessageId} from ${phoneNumberId} to ${message.to}: ${message.body.slice(0, 60)}`);
    reportStatuses(message);
    return {
      status: 200,
      json: { messaging_product: "whatsapp", contacts: [{ input: message.to, wa_id: message.to.replace(/\D/g, "") }], messages: [{ id: message.waMessageId }] },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const reply = (status: number, json?: unknown) => {
      res.writeHead(status, json === undefined ? {} : { "content-type": "application/json" });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };

    const match = req.method === "POST" ? MESSAGES_PATH.exec(path) : null;
    if (match) {
      const [, version, phoneNumberId] = match as unknown as [string, string, string];
      const answer = acceptSend(version, decodeURIComponent(phoneNumberId), req.headers.authorization ?? "", raw);
      requests.push({ phoneNumberId, status: answer.status });
      return reply(answer.status, answer.json);
    }
    if (req.method === "GET" && path === "/__sent") return reply(200, sent);
    if (req.method === "POST" && path === "/__reset") {
      api.reset();
      return reply(204);
    }
    if (req.method === "POST" && path === "/__fail-next") {
      const { count = 1, status = 500 } = (raw ? JSON.parse(raw) : {}) as { count?: number; status?: number };
      api.failNext(count, status);
      return reply(204);
    }
    reply(404, { error: { message: `Unknown path ${req.method} ${path}`, code: 803 } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      log(`request failed: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const api: FakeGraph = {
    url: `http://127.0.0.1:${port}`,
    port,
    sent: () => [...sent],
    requests: () => [...requests],
    failNext: (count, status = 500) => {
      failures = { count, status };
    },
    failAlways: (status = 500) => {
      failingStatus = status;
    },
    reset: () => {
      sent = [];
      requests = [];
      failures = { count: 0, status: 500 };
      failingStatus = null;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
