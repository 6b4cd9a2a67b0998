// What the crash tests (lib/runtime/*-crash.test.ts) share: server.ts in development mode,
// in a process group of its own so that SIGKILL reaches tsx's node child too, against a
// test database; a stand-in Graph API that answers slowly, so that a kill finds sends in
// flight, and reports a "sent" status for every message it accepted, as Meta does,
// delivering it again until the app answers 200; and a burst of webhook bodies.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { newWamid, postSignedWebhook, statusesNotification } from "@/dev/webhook-payloads";
import type { WebhookNotificationInput } from "@/lib/whatsapp/webhook-notification";
import { VENDAS } from "@/test/whatsapp-fixtures";

export type CrashRig = {
  /** The recipient of every send the Graph API received, in order. */
  sends: string[];
  /** Starts server.ts on this port; resolves once it is ready and the webhook route compiled. */
  startServer: (port: number) => Promise<ChildProcess>;
  /** Posts every body at once; `acknowledged` fills with those answered 200, `done` settles when all have an outcome. */
  burst: (port: number, bodies: Map<string, WebhookNotificationInput>) => { acknowledged: Set<string>; done: Promise<void> };
  /** Meta delivers again what was not acknowledged. */
  redeliver: (port: number, bodies: Map<string, WebhookNotificationInput>, acknowledged: Set<string>) => Promise<void>;
  close: () => Promise<void>;
};

/** `name` keeps secrets and the build folder apart; `databaseUrl` is the test database's. */
export async function crashRig(name: string, databaseUrl: string): Promise<CrashRig> {
  const appSecret = `${name}-app-secret`;
  const distDir = `.next-${name}-${process.pid}`;
  const sends: string[] = [];
  const children: ChildProcess[] = [];
  let appPort = 0;
  let closing = false;
  const webhookUrl = (port: number) => `http://localhost:${port}/api/webhooks/whatsapp`;

  async function reportSent(wamid: string, to: string) {
    const body = statusesNotification(VENDAS, [{ id: wamid, status: "sent", recipientId: to }]);
    for (let i = 0; i < 600 && !closing; i++) {
      try {
        const response = await postSignedWebhook(webhookUrl(appPort), appSecret, body);
        if (response.status === 200) return;
      } catch {
        // The app is down: try again in a moment.
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  const graph = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = JSON.parse(raw) as { to: string };
      sends.push(body.to);
      const wamid = newWamid();
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ messaging_product: "whatsapp", contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: wamid }] }));
        void reportSent(wamid, body.to);
      }, 150);
    });
  });
  await new Promise<void>((resolve) => graph.listen(0, "127.0.0.1", resolve));
  const graphUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}`;

  async function startServer(port: number): Promise<ChildProcess> {
    appPort = port;
    const child = spawn("node_modules/.bin/tsx", ["server.ts"], {
      detached: true,
      env: {
        ...process.env,
        NODE_ENV: "development",
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        NEXTAUTH_SECRET: `${name}-nextauth-secret`,
        NEXTAUTH_URL: `http://localhost:${port}`,
        WHATSAPP_APP_SECRET: appSecret,
        GRAPH_API_URL: graphUrl,
        SWEEP_SECONDS: "1",
        NEXT_DIST_DIR: distDir,
        REDIS_URL: "",
      },
    });
    children.push(child);
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    for (let i = 0; !output.includes("ready on"); i++) {
      if (child.exitCode !== null || i > 1200) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // Compile the webhook route before the burst (development mode compiles on first use).
    await fetch(`${webhookUrl(port)}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`);
    return child;
  }

  function burst(port: number, bodies: Map<string, WebhookNotificationInput>) {
    const acknowledged = new Set<string>();
    const posts = [...bodies].map(async ([key, body]) => {
      try {
        const response = await postSignedWebhook(webhookUrl(port), appSecret, body);
        if (response.status === 200) acknowledged.add(key);
      } catch {
        // The connection died with the server: Meta would deliver this body again.
      }
    });
    return { acknowledged, done: Promise.all(posts).then(() => undefined) };
  }

  async function redeliver(port: number, bodies: Map<string, WebhookNotificationInput>, acknowledged: Set<string>) {
    for (const [key, body] of bodies) {
      if (!acknowledged.has(key)) await postSignedWebhook(webhookUrl(port), appSecret, body);
    }
  }

  async function close() {
    closing = true;
    for (const child of children) {
      try {
        if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    await new Promise((resolve) => graph.close(resolve));
    rmSync(distDir, { recursive: true, force: true });
  }

  return { sends, startServer, burst, redeliver, close };
}
