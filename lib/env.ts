// The environment of docs/behaviour.md#environment-and-demo-data, parsed once at start. A bad value stops the process
// with a message that names the variable and what it expects.
import { z } from "zod";
import { parseTrustedProxies } from "./auth/client-address";
import { strictNumberFromText } from "./text-input";

const blankIsUnset = <T>(v: T) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, value: z.input<T>) =>
  z.preprocess(blankIsUnset, schema.default(value as never));

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// or postgresql:// URL");
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
const port = z.coerce
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be between 1 and 65535")
  .max(65535, "must be between 1 and 65535");

const flag = z.preprocess((v) => (typeof v === "string" ? v.trim() === "1" || v.trim().toLowerCase() === "true" : v), z.boolean());

export const envSchema = z.object({
  NODE_ENV: withDefault(z.enum(["development", "production", "test"]), "development"),
  DATABASE_URL: optional(postgresUrl),
  PORT: withDefault(port, 3000),
  NEXTAUTH_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
  NEXTAUTH_URL: optional(httpUrl),
  WHATSAPP_APP_SECRET: withDefault(z.string().min(1), "dev-app-secret"),
  WHATSAPP_VERIFY_TOKEN: withDefault(z.string().min(1), "dev-verify-token"),
  GRAPH_API_URL: withDefault(httpUrl, "https://graph.facebook.com"),
  GRAPH_API_VERSION: withDefault(z.string().regex(/^v\d+\.\d+$/, "must look like v27.0"), "v27.0"),
  PRESENCE_GRACE_SECONDS: withDefault(
    z.coerce.number({ error: "must be a number" }).min(0, "must be 0 or more").max(86400, "must be at most 86400"),
    30,
  ),
  SWEEP_SECONDS: withDefault(
    z.coerce.number({ error: "must be a number" }).gt(0, "must be more than 0").max(3600, "must be at most 3600"),
    5,
  ),
  // Seconds in one minute of the reassignment policies (docs/behaviour.md#policies). For tests only: the
  // e2e server sets it so that "no reply in 1 minute" takes seconds.
  POLICY_MINUTE_SECONDS: withDefault(
    z.coerce.number({ error: "must be a number" }).gt(0, "must be more than 0").max(60, "must be at most 60"),
    60,
  ),
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\/.+/, "must be a redis:// or rediss:// URL")),
  // Where the embedded PostgreSQL and generated development secrets live.
  FILA_DATA_DIR: withDefault(z.string().min(1), ".data"),
  EMBEDDED_PG_PORT: withDefault(port, 54329),
  // Which X-Forwarded-For hops come from our own proxies: a count or addresses/CIDRs.
  TRUSTED_PROXIES: optional(
    z.string().superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  ),
  // How long webhook bodies are kept once processed or refused, in days.
  WEBHOOK_RETENTION_DAYS: withDefault(
    z.preprocess(strictNumberFromText, z.number({ error: "must be a whole number of days" }).int("must be a whole number of days").min(1, "must be at least 1").max(3650, "must be at most 3650")),
    30,
  ),
  // The ingest pipeline (issue 18): runners per instance, bodies per transaction, and how
  // often an idle instance looks for bodies another instance stored. One runner by
  // default: a batch's bodies already go side by side in its transaction, and on two
  // cores shared with PostgreSQL more runners took the CPU the acknowledgements need
  // (ack p99 at 800/s: 47 ms with one, 155 with two, 160–520 with four; bench:ingest).
  INGEST_CONCURRENCY: withDefault(
    z.preprocess(strictNumberFromText, z.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(64, "must be at most 64")),
    1,
  ),
  INGEST_BATCH: withDefault(
    z.preprocess(strictNumberFromText, z.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(500, "must be at most 500")),
    20,
  ),
  INGEST_POLL_MS: withDefault(
    z.preprocess(strictNumberFromText, z.number({ error: "must be a whole number of milliseconds" }).int("must be a whole number of milliseconds").min(10, "must be at least 10").max(60_000, "must be at most 60000")),
    250,
  ),
  // Server-side coalescing of realtime signals per room, in milliseconds (0: none).
  REALTIME_COALESCE_MS: withDefault(
    z.preprocess(strictNumberFromText, z.number({ error: "must be a whole number of milliseconds" }).int("must be a whole number of milliseconds").min(0, "must be 0 or more").max(1_000, "must be at most 1000")),
    75,
  ),
  // GET /metrics for a scraper that is not on this machine: Authorization: Bearer <token>.
  METRICS_TOKEN: optional(z.string().min(16, "must be at least 16 characters")),
  // Key for the channels' access tokens; derived from NEXTAUTH_SECRET when unset.
  TOKEN_ENCRYPTION_KEY: optional(z.string().min(16, "must be at least 16 characters")),
  // Seed the demo data into a production database too.
  FILA_SEED_DEMO: withDefault(flag, false),
  // Show the demo logins on the sign-in page (server.ts sets it for the embedded database).
  FILA_DEMO: withDefault(flag, false),
  // Requests a minute per API token and per user (docs/behaviour.md#public-api).
  API_RATE_LIMIT_PER_MINUTE: withDefault(
    z.preprocess(strictNumberFromText, z.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(1_000_000, "must be at most 1000000")),
    600,
  ),
  // Outgoing webhooks may post to loopback and private addresses (refused in production otherwise).
  WEBHOOK_ALLOW_PRIVATE_URLS: withDefault(flag, false),
});

export type Env = z.infer<typeof envSchema>;

/** The secrets production refuses to start without (the defaults are public). */
export const PRODUCTION_SECRETS = ["NEXTAUTH_SECRET", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN"] as const;

/** Demo data (and the demo logins on the sign-in page): development, or production when FILA_SEED_DEMO=1. */
export function demoDataAllowed(config: Pick<Env, "NODE_ENV" | "FILA_SEED_DEMO">): boolean {
  return config.NODE_ENV !== "production" || config.FILA_SEED_DEMO;
}

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message} (got ${JSON.stringify(source[String(issue.path[0])])})`),
    );
  }
  const env = result.data;
  // Production never runs on the public development secrets, whatever the database.
  if (env.NODE_ENV === "production") {
    const missing = PRODUCTION_SECRETS.filter((name) => !blankIsUnset(source[name]));
    if (missing.length > 0) {
      throw new EnvError([
        `production mode (NODE_ENV=production) needs its own secrets; missing: ${missing.join(", ")}`,
        ...missing.map((name) => `${name}: required in production`),
      ]);
    }
  }
  return env;
}

const holder = globalThis as unknown as { __filaEnv?: Env; __filaRuntime?: Partial<Env> };

/**
 * The process environment, parsed on first use, with what server.ts learned at start
 * (configureRuntime). On globalThis: server.ts and the Next.js bundle are separate
 * module graphs in one process.
 */
export function env(): Env {
  holder.__filaEnv ??= parseEnv(process.env);
  return holder.__filaRuntime ? { ...holder.__filaEnv, ...holder.__filaRuntime } : holder.__filaEnv;
}

/**
 * What server.ts decides at start: the embedded database's URL, the generated
 * development secret, the public URL, demo mode. Libraries that read process.env
 * themselves (next-auth, Next's telemetry) get theirs here, the only place that writes it.
 */
export function configureRuntime(values: Pick<Partial<Env>, "DATABASE_URL" | "NEXTAUTH_SECRET" | "NEXTAUTH_URL" | "FILA_DEMO">) {
  holder.__filaRuntime = { ...holder.__filaRuntime, ...values };
  if (values.NEXTAUTH_SECRET) process.env.NEXTAUTH_SECRET = values.NEXTAUTH_SECRET;
  if (values.NEXTAUTH_URL) process.env.NEXTAUTH_URL = values.NEXTAUTH_URL;
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
}

/**
 * The database URL: the runtime's, else DATABASE_URL read now (not cached: test files
 * point it at their own database after start).
 */
export function databaseUrl(): string | undefined {
  return holder.__filaRuntime?.DATABASE_URL ?? blankIsUnset(process.env.DATABASE_URL);
}

/** Key material for sealed secrets: TOKEN_ENCRYPTION_KEY, else NEXTAUTH_SECRET (read now, as databaseUrl). */
export function tokenKeyMaterial(): string | undefined {
  const source = (name: "TOKEN_ENCRYPTION_KEY" | "NEXTAUTH_SECRET") => holder.__filaRuntime?.[name] ?? blankIsUnset(process.env[name]);
  return source("TOKEN_ENCRYPTION_KEY") ?? source("NEXTAUTH_SECRET");
}
