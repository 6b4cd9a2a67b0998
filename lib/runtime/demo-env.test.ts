import { describe, expect, it } from "vitest";
import { demoDataAllowed, parseEnv } from "@/lib/env";
import { demoServerEnv } from "./demo-env";

describe("npm run demo's environment", () => {
  it("is a production environment that starts (its own secrets) and seeds the demo data, beside the dev server", () => {
    const env = parseEnv(demoServerEnv({}));
    expect(env.NODE_ENV).toBe("production");
    expect(demoDataAllowed(env)).toBe(true);
    expect(env.FILA_DATA_DIR).not.toBe(parseEnv({}).FILA_DATA_DIR);
    expect(env.EMBEDDED_PG_PORT).not.toBe(parseEnv({}).EMBEDDED_PG_PORT);
  });

  it("a fresh session secret each start, and the caller's settings win except the mode", () => {
    expect(demoServerEnv({}).NEXTAUTH_SECRET).not.toBe(demoServerEnv({}).NEXTAUTH_SECRET);
    const env = demoServerEnv({ PORT: "3005", DATABASE_URL: "postgres://x@127.0.0.1/y", NODE_ENV: "development" });
    expect(env).toMatchObject({ PORT: "3005", DATABASE_URL: "postgres://x@127.0.0.1/y", NODE_ENV: "production", FILA_SEED_DEMO: "1" });
  });
});
