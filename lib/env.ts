// The environment of SPEC §9, parsed once at start. A bad value stops the process
// with a message that names the variable and what it expects.
import { z } from "zod";

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
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
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\/.+/, "must be a redis:// or rediss:// URL")),
  // Where the embedded PostgreSQL and generated development secrets live.
  FILA_DATA_DIR: withDefault(z.string().min(1), ".data"),
  EMBEDDED_PG_PORT: withDefault(port, 54329),
  // Key for the channels' access tokens; derived from NEXTAUTH_SECRET when unset.
  TOKEN_ENCRYPTION_KEY: optional(z.string().min(16, "must be at least 16 characters")),
});

export type Env = z.infer<typeof envSchema>;

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
  // A real deployment (production on an external database) must not run on development secrets.
  if (env.NODE_ENV === "production" && env.DATABASE_URL) {
    const missing = (["NEXTAUTH_SECRET", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN"] as const).filter(
      (name) => !blankIsUnset(source[name]),
    );
    if (missing.length > 0) {
      throw new EnvError(missing.map((name) => `${name}: required in production with DATABASE_URL`));
    }
  }
  return env;
}

const cache = globalThis as unknown as { __filaEnv?: Env };

/** The process environment, parsed on first use. */
export function env(): Env {
  cache.__filaEnv ??= parseEnv(process.env);
  return cache.__filaEnv;
}
