// How Fila talks to the Graph API. Lib functions take this explicitly; the route and
// server.ts build it from the environment (docs/behaviour.md#environment-and-demo-data).
import { env, type Env } from "@/lib/env";

export type RetryPolicy = {
  /** Total tries, the first one included. */
  attempts: number;
  /** Delay before the 2nd try; doubles on each further try, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
};

export type GraphConfig = {
  baseUrl: string;
  version: string;
  /**
   * The token of channels that have none stored (the seeded demo channels). Only in
   * development or on the embedded demo database: null in a production deployment
   * (production on DATABASE_URL), where such a channel cannot send.
   */
  fallbackAccessToken: string | null;
  retry: RetryPolicy;
  /** Per request; Meta answers in well under a second when it is healthy. */
  timeoutMs: number;
};

const DEV_ACCESS_TOKEN = "dev-access-token";

export function graphConfigFromEnv(source: Env = env()): GraphConfig {
  return {
    baseUrl: source.GRAPH_API_URL,
    version: source.GRAPH_API_VERSION,
    fallbackAccessToken: source.NODE_ENV === "production" && source.DATABASE_URL ? null : DEV_ACCESS_TOKEN,
    retry: { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 },
    timeoutMs: 10_000,
  };
}
