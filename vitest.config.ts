import path from "node:path";
import { defineConfig } from "vitest/config";

// `npm run test:fast` (VITEST_FAST=1): unit + integration without the slow tier — the
// concurrency runs, the files that start whole servers or processes, and the ones that
// wait out a crash, an outage or a burst. `npm test` runs everything.
export const SLOW_FILES = [
  "lib/distribution/concurrent-run.test.ts",
  "lib/distribution/policies-concurrent.test.ts",
  "lib/realtime/multi-instance.test.ts",
  "lib/runtime/server-lifecycle.test.ts",
  "lib/runtime/shutdown.test.ts",
  "lib/runtime/production-start.test.ts",
  "lib/runtime/crash-handlers.test.ts",
  "lib/runtime/welcome-crash.test.ts",
  "lib/inbound/ingest-worker.test.ts",
  "db/pool-outage.test.ts",
  "lib/runtime/client-abort.test.ts",
  "lib/http/client-abort.test.ts",
];
const fast = process.env.VITEST_FAST === "1";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".next-*/**", ".data/**", "dist/**", ...(fast ? SLOW_FILES : [])],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The fast tier is many small files waiting on PostgreSQL: two at a time use both
    // cores here (Vitest's default on 2 cores is one). The full run keeps the default,
    // its slow files start servers of their own.
    ...(fast ? { maxWorkers: 2 } : {}),
  },
});
