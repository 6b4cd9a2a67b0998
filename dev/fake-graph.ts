// A stand-in for the Graph API on loopback, for tests, e2e and local runs (docs/behaviour.md#whatsapp: the
// code path is the real one, only GRAPH_API_URL differs). It accepts sends, answers
// like Meta, records what it got, fails on demand, and can report delivery statuses
// back to the app as signed webhooks, the way Meta does.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createFakeMedia, type FakeMedia } from "./fake-graph-media";
import { checkTemplateSend, DEFAULT_TEMPLATES, type FakeTemplate } from "./fake-graph-templates";
import { newWamid, postSignedWebhook, statusError, statusesNotification } from "./webhook-payloads";

/** The Graph API versions the fake answers, like Meta: others get Meta's unknown-version error. */
export const FAKE_GRAPH_VERSIONS = ["v21.0", "v22.0", "v23.0", "v24.0", "v25.0", "v26.0", "v27.0"] as const;

/** A Meta error to answer with: its code (and subcode), on the HTTP status Meta uses for it. */
export type FakeFailure = { status?: number; code?: number; subcode?: number };

/**
 * How the fake reports delivery of each accepted message: after answering (as usual) or
 * before (Meta's webhook beating the send's answer), ending read or failed with a code.
 */
export type StatusPlan = { beforeAnswer?: boolean; until?: "sent" | "delivered" | "read"; failWith?: number };

export type SentMessage = {
  version: string;
  phoneNumberId: string;
  authorization: string;
  /** The phone number, or the business-scoped user id when sent with `recipient`. */
  to: string;
  /** The text, or an interactive message's body text. */
  body: string;
  /** An interactive message (entry menu) as sent: `{ type: "button" | "list", body, action }`. */
  interactive?: Record<string, unknown>;
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
  /** The next `count` sends fail with `status` (500 by default), or with Meta's error `code`. */
  failNext(count: number, failure?: number | FakeFailure): void;
  /** Every send fails with `status` (or Meta's error `code`) until reset. */
  failAlways(failure?: number | FakeFailure): void;
  /** Media files: the contact's (add, expire), downloads failing on demand, uploads received. */
  media: FakeMedia;
  /** The message templates every WhatsApp Business Account lists (DEFAULT_TEMPLATES until set). */
  setTemplates(list: FakeTemplate[]): void;
  /** Every GET of a template list, with its token. */
  templateRequests(): { wabaId: string; authorization: string }[];
  /** How statuses are reported from now on (needs statusCallbacks). */
  setStatusPlan(plan: StatusPlan): void;
  reset(): void;
  close(): Promise<void>;
};

/** How many times a status notification is posted before the fake gives up on it. */
const STATUS_ATTEMPTS = 8;
const MESSAGES_PATH = /^\/(v\d+\.\d+)\/([^/]+)\/messages\/?$/;

// Meta's error objects, by code, with the HTTP status Meta answers them with (a rate
// limit comes as 400, not 429).
const META_ERRORS: Record<number, { status: number; message: string; type?: string; details?: string }> = {
  190: { status: 401, message: "Error validating access token: Session has expired on Friday, 27-Nov-26 10:00:00 PST.", type: "OAuthException" },
  130429: { status: 400, message: "(#130429) Rate limit hit", details: "Cloud API message throughput has been reached." },
  131056: { status: 400, message: "(#131056) (Business Account, Consumer Account) pair rate limit hit", details: "Too many messages sent from this phone number to the same phone number in a short period of time." },
  80007: { status: 400, message: "(#80007) Rate limit issues", details: "The WhatsApp Business Account has reached its rate limit." },
  131047: { status: 400, message: "(#131047) Re-engagement message", details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number." },
  131026: { status: 400, message: "(#131026) Message undeliverable" },
  131000: { status: 500, message: "(#131000) Something went wrong" },
  100: { status: 400, message: "(#100) Invalid parameter" },
  2635: { status: 400, message: "(#2635) You are calling a deprecated version of the Graph API." },
  131053: { status: 400, message: "(#131053) Media upload error", details: "Unable to retrieve media for the given media id." },
  132000: { status: 400, message: "(#132000) Number of parameters does not match the expected number of params", details: "body: number of localizable_params (1) does not match the expected number of params (2)" },
  132001: { status: 404, message: "(#132001) Template name does not exist in the translation", details: "template name (x) does not exist in pt_BR" },
};
const STATUS_CODES: Record<number, number> = { 401: 190, 429: 130429, 400: 100 };

function metaError(failure: FakeFailure): { status: number; error: Record<string, unknown> } {
  const fbtrace_id = `A${Math.random().toString(36).slice(2, 12)}`;
  const code = failure.code ?? STATUS_CODES[failure.status ?? 500] ?? ((failure.status ?? 500) >= 500 ? 131000 : 100);
  const known = META_ERRORS[code] ?? { status: failure.status ?? 400, message: `(#${code}) Error` };
  const subcode = failure.subcode ?? (code === 190 ? 463 : undefined);
  return {
    status: failure.status ?? known.status,
    error: {
      message: known.message,
      type: known.type ?? "OAuthException",
      code,
      ...(subcode !== undefined && { error_subcode: subcode }),
      ...(known.details && { error_data: { messaging_product: "whatsapp", details: known.details } }),
      fbtrace_id,
    },
  };
}

const failureOf = (failure: number | FakeFailure | undefined): FakeFailure =>
  typeof failure === "number" ? { status: failure } : (failure ?? { status: 500 });

/**
 * The body text of an interactive message Meta would accept (reply buttons: 1–3, titles
 * up to 20 characters; a list: a button up to 20, rows 1–10 in all, titles up to 24,
 * ids unique), else null (answered as Meta's error 100).
 */
function interactiveBody(raw: unknown): string | null {
  const m = raw as { type?: unknown; body?: { text?: unknown }; action?: Record<string, unknown> } | undefined;
  const bodyText = m?.body?.text;
  if (typeof bodyText !== "string" || bodyText.length === 0 || bodyText.length > 1024 || !m?.action) return null;
  const titled = (items: unknown[], max: number) => {
    const ids = items.map((i) => (i as { id?: unknown }).id);
    return (
      items.every((i) => typeof (i as { id?: unknown }).id === "string" && typeof (i as { title?: unknown }).title === "string" && ((i as { title: string }).title.length <= max)) &&
      new Set(ids).size === ids.length
    );
  };
  if (m.type === "button") {
    const buttons = m.action.buttons;
    if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) return null;
    if (!buttons.every((b) => (b as { type?: unknown }).type === "reply")) return null;
    return titled(buttons.map((b) => (b as { reply?: unknown }).reply ?? {}), 20) ? bodyText : null;
  }
  if (m.type === "list") {
    const { button, sections } = m.action as { button?: unknown; sections?: unknown };
    if (typeof button !== "string" || button.length === 0 || button.length > 20 || !Array.isArray(sections) || sections.length < 1) return null;
    const rows = sections.flatMap((s) => ((s as { rows?: unknown }).rows as unknown[]) ?? []);
    return rows.length >= 1 && rows.length <= 10 && titled(rows, 24) ? bodyText : null;
  }
  return null;
}

export async function startFakeGraph(options: FakeGraphOptions = {}): Promise<FakeGraph> {
  const log = options.log ?? (() => {});
  let sent: SentMessage[] = [];
  let requests: { phoneNumberId: string; status: number }[] = [];
  let failures: { count: number; failure: FakeFailure } = { count: 0, failure: { status: 500 } };
  let failingAlways: FakeFailure | null = null;
  let plan: StatusPlan = {};
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  let baseUrl = "";
  const media = createFakeMedia(() => baseUrl, metaError);
  let templates: FakeTemplate[] = [...DEFAULT_TEMPLATES];
  let templateRequests: { wabaId: string; authorization: string }[] = [];

  const later = (ms: number, run: () => Promise<unknown>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run().catch((error) => log(`status callback failed: ${(error as Error).message}`));
    }, ms);
    timers.add(timer);
  };

  const statusesOf = (): ("sent" | "delivered" | "read" | "failed")[] => {
    if (plan.failWith !== undefined) return ["sent", "failed"];
    const all = ["sent", "delivered", "read"] as const;
    return all.slice(0, all.indexOf(plan.until ?? "read") + 1);
  };

  async function postStatus(message: SentMessage, status: "sent" | "delivered" | "read" | "failed") {
    const callbacks = options.statusCallbacks!;
    const recipient = message.request.recipient !== undefined ? { recipientUserId: message.to } : { recipientId: message.to };
    const errors = status === "failed" ? [statusError(plan.failWith ?? 131026)] : undefined;
    const body = statusesNotification({ phoneNumberId: message.phoneNumberId }, [{ id: message.waMessageId, status, ...recipient, errors }]);
    // As Meta does, a notification the endpoint did not take (an answer other than 200, or
    // none) is sent again, less and less often: on a loaded machine a test's route may
    // refuse one for a moment (a 500 while its database is busy), and a status lost for
    // that would leave the message short of "read" for ever.
    for (let attempt = 1; ; attempt++) {
      const outcome = await postSignedWebhook(callbacks.webhookUrl, callbacks.appSecret, body).then(
        (response) => response.status,
        (error: Error) => error.message,
      );
      log(`status ${status} of ${message.waMessageId} → ${outcome}`);
      if (outcome === 200 || closed || attempt >= STATUS_ATTEMPTS) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** (attempt - 1), 5_000)));
    }
  }

  function reportStatuses(message: SentMessage) {
    const callbacks = options.statusCallbacks;
    if (!callbacks) return;
    const delays = callbacks.delaysMs ?? { sent: 50, delivered: 300, read: 1500 };
    for (const status of statusesOf()) later(status === "failed" ? delays.delivered : delays[status], () => postStatus(message, status));
  }

  /** Null when Meta takes the message's content, else the code it refuses it with. */
  function contentRefusal(request: Record<string, unknown>): number | null {
    const type = request.type;
    if (type === "text") return typeof (request.text as { body?: unknown } | undefined)?.body === "string" ? null : 100;
    if (type === "template") return checkTemplateSend(templates, request);
    if (type === "interactive") return interactiveBody(request.interactive) === null ? 100 : null;
    if (type === "image" || type === "document" || type === "audio" || type === "video" || type === "sticker") {
      const file = request[type] as { id?: unknown; link?: unknown } | undefined;
      if (typeof file?.link === "string") return null;
      if (typeof file?.id !== "string") return 100;
      return media.has(file.id) ? null : 131053;
    }
    return 100;
  }

  function acceptSend(version: string, phoneNumberId: string, authorization: string, raw: string): { status: number; json: unknown; message?: SentMessage } {
    if (!(FAKE_GRAPH_VERSIONS as readonly string[]).includes(version)) {
      const { status, error } = metaError({ code: 2635 });
      return { status, json: { error } };
    }
    if (!/^Bearer \S+/.test(authorization)) {
      const { status, error } = metaError({ code: 190, subcode: 467 });
      return { status, json: { error } };
    }
    const failWith = failingAlways ?? (failures.count > 0 ? failures.failure : null);
    if (failWith !== null) {
      if (failingAlways === null) failures.count--;
      const { status, error } = metaError(failWith);
      return { status, json: { error } };
    }
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { status: 400, json: { error: metaError({ code: 100 }).error } };
    }
    // `to` a phone number, or `recipient` a business-scoped user id.
    const to = typeof request.to === "string" ? request.to : typeof request.recipient === "string" ? request.recipient : null;
    const refusal = request.messaging_product !== "whatsapp" || to === null ? 100 : contentRefusal(request);
    if (refusal !== null) {
      const { status, error } = metaError({ code: refusal });
      return { status, json: { error } };
    }
    const text = request.text as { body?: unknown } | undefined;
    const file = request[String(request.type)] as { caption?: unknown } | undefined;
    const template = request.template as { name?: string } | undefined;
    const body = request.type === "interactive" ? interactiveBody(request.interactive)! : request.type === "text" ? String(text!.body) : request.type === "template" ? `template:${template!.name}` : typeof file?.caption === "string" ? file.caption : "";
    const message: SentMessage = {
      version,
      phoneNumberId,
      authorization,
      to: to!,
      body,
      ...(request.type === "interactive" ? { interactive: request.interactive as Record<string, unknown> } : {}),
      waMessageId: newWamid(),
      request,
      at: new Date().toISOString(),
    };
    sent.push(message);
    log(`sent ${message.waMessageId} from ${phoneNumberId} to ${message.to}: ${message.body.slice(0, 60)}`);
    if (!plan.beforeAnswer) reportStatuses(message);
    return {
      status: 200,
      json: { messaging_product: "whatsapp", contacts: [{ input: message.to, wa_id: message.to.replace(/\D/g, "") }], messages: [{ id: message.waMessageId }] },
      message,
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

    const version = /^\/(v\d+\.\d+)\//.exec(path)?.[1] ?? null;
    if (await media.handle(req, res, path, version, async () => Buffer.concat(chunks))) return;
    const templateList = req.method === "GET" ? /^\/v\d+\.\d+\/(\d+)\/message_templates\/?$/.exec(path) : null;
    if (templateList) {
      const authorization = req.headers.authorization ?? "";
      templateRequests.push({ wabaId: templateList[1]!, authorization });
      if (!/^Bearer \S+/.test(authorization)) return reply(401, { error: metaError({ code: 190 }).error });
      const data = templates.map((t, i) => ({ ...t, id: String(900000000000000 + i) }));
      return reply(200, { data, paging: { cursors: { before: "QVFIU", after: "QVFIU" } } });
    }
    if (req.method === "POST" && path === "/__templates") {
      templates = raw ? (JSON.parse(raw) as FakeTemplate[]) : [...DEFAULT_TEMPLATES];
      return reply(204);
    }
    const match = req.method === "POST" ? MESSAGES_PATH.exec(path) : null;
    if (match) {
      const [, version, phoneNumberId] = match as unknown as [string, string, string];
      const answer = acceptSend(version, decodeURIComponent(phoneNumberId), req.headers.authorization ?? "", raw);
      requests.push({ phoneNumberId, status: answer.status });
      // Meta's webhook beating the answer: every status is posted (and answered) first.
      if (answer.message && plan.beforeAnswer && options.statusCallbacks) {
        for (const status of statusesOf()) await postStatus(answer.message, status).catch((error) => log(`status callback failed: ${(error as Error).message}`));
      }
      return reply(answer.status, answer.json);
    }
    if (req.method === "GET" && path === "/__sent") return reply(200, sent);
    // A contact's file for the simulator and e2e: the raw body (or ?size= generated bytes) as ?mimeType=.
    if (req.method === "POST" && path === "/__media") {
      const query = new URL(req.url ?? "/", "http://fake").searchParams;
      const bytes = Buffer.concat(chunks);
      const file = media.add({
        bytes: bytes.byteLength > 0 ? bytes : undefined,
        size: Number(query.get("size") ?? 0) || undefined,
        mimeType: query.get("mimeType") ?? "application/octet-stream",
        filename: query.get("filename") ?? undefined,
      });
      return reply(200, file);
    }
    if (req.method === "POST" && path === "/__media-expire") {
      media.expire(new URL(req.url ?? "/", "http://fake").searchParams.get("id") ?? "");
      return reply(204);
    }
    if (req.method === "GET" && path === "/__uploads") return reply(200, media.uploads().map(({ bytes, ...upload }) => ({ ...upload, bytes: bytes.byteLength })));
    if (req.method === "POST" && path === "/__reset") {
      api.reset();
      return reply(204);
    }
    if (req.method === "POST" && path === "/__fail-next") {
      const { count = 1, status, code, subcode } = (raw ? JSON.parse(raw) : {}) as { count?: number } & FakeFailure;
      api.failNext(count, code === undefined && status === undefined ? { status: 500 } : { status, code, subcode });
      return reply(204);
    }
    if (req.method === "POST" && path === "/__status-plan") {
      api.setStatusPlan((raw ? JSON.parse(raw) : {}) as StatusPlan);
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
  baseUrl = `http://127.0.0.1:${port}`;

  const api: FakeGraph = {
    url: `http://127.0.0.1:${port}`,
    port,
    sent: () => [...sent],
    requests: () => [...requests],
    media,
    setTemplates: (list) => {
      templates = list;
    },
    templateRequests: () => [...templateRequests],
    failNext: (count, failure) => {
      failures = { count, failure: failureOf(failure) };
    },
    failAlways: (failure) => {
      failingAlways = failureOf(failure);
    },
    setStatusPlan: (next) => {
      plan = next;
    },
    reset: () => {
      sent = [];
      requests = [];
      failures = { count: 0, failure: { status: 500 } };
      failingAlways = null;
      plan = {};
      media.reset();
      templates = [...DEFAULT_TEMPLATES];
      templateRequests = [];
    },
    close: async () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
