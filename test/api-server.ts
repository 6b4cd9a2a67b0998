// An HTTP server that answers /api/v1 as server.ts does, for tests that speak HTTP to the
// API (the property test, the generated client): its method check first
// (lib/api/method-not-allowed.ts), then the route files matched as Next.js matches them.
// The test file mocks @/db/client and the session as the other API tests do.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { answerApiMethod } from "@/lib/api/method-not-allowed";

type Handler = (request: Request, context?: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
const modules = import.meta.glob<Record<string, unknown>>("../app/api/v1/**/route.ts", { eager: true });

/** The route files, as Next.js matches them: static segments before dynamic ones, the catch-all last. */
const routeTable = Object.entries(modules)
  .map(([file, module]) => {
    const segments = file.replace(/^\.\.\/app\/api\/v1\//, "").replace(/\/?route\.ts$/, "").split("/").filter(Boolean);
    const names: string[] = [];
    const pattern = segments
      .map((segment) => {
        const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
        if (catchAll) return names.push(`...${catchAll[1]}`), "(.+)";
        const dynamic = /^\[(\w+)\]$/.exec(segment);
        if (dynamic) return names.push(dynamic[1]!), "([^/]+)";
        return segment.replace(/\./g, "\\.");
      })
      .join("/");
    const rank = segments.filter((s) => s.startsWith("[...")).length * 100 + segments.filter((s) => s.startsWith("[")).length;
    return { regex: new RegExp(`^/${pattern}$`), names, module, rank };
  })
  .sort((a, b) => a.rank - b.rank);

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

async function routeLikeNext(method: string, path: string, request: Request): Promise<Response> {
  for (const route of routeTable) {
    const match = route.regex.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(route.names.map((name, i) => (name.startsWith("...") ? [name.slice(3), match[i + 1]!.split("/").map(safeDecode)] : [name, safeDecode(match[i + 1]!)])));
    const handler = (route.module[method] ?? (method === "HEAD" ? route.module.GET : undefined)) as Handler | undefined;
    if (!handler && method === "OPTIONS") return new Response(null, { status: 204, headers: { allow: "(Next.js)" } });
    if (!handler) return new Response(null, { status: 405 });
    return handler(request, { params: Promise.resolve(params) });
  }
  return new Response("<html>not found</html>", { status: 404, headers: { "content-type": "text/html" } });
}

/** Listens on a free port of 127.0.0.1; `baseUrl` is its /api/v1. */
export async function startApiServer() {
  const server = createServer((req, res) => {
    if (answerApiMethod(req, res)) return;
    const url = new URL(req.url ?? "/", "http://localhost");
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      try {
        const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
        const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
        const request = new Request(url, { method: req.method, headers, body });
        const response = await routeLikeNext(req.method!, url.pathname.replace(/^\/api\/v1/, "") || "/", request);
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch (error) {
        // What Next.js would make of a handler that throws: a 500, which the tests refuse.
        res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { port, baseUrl: `http://127.0.0.1:${port}/api/v1`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
