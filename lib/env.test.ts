import { describe, expect, it } from "vitest";
import { demoDataAllowed, EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives the development defaults of docs/behaviour.md#environment-and-demo-data", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      WHATSAPP_APP_SECRET: "dev-app-secret",
      WHATSAPP_VERIFY_TOKEN: "dev-verify-token",
      GRAPH_API_URL: "https://graph.facebook.com",
      GRAPH_API_VERSION: "v27.0",
      PRESENCE_GRACE_SECONDS: 30,
      SWEEP_SECONDS: 5,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it("treats blank values as unset", () => {
    expect(parseEnv({ PORT: "", DATABASE_URL: " " }).PORT).toBe(3000);
  });

  it("names every bad variable and what it expects", () => {
    let error: unknown;
    try {
      parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", SWEEP_SECONDS: "0", GRAPH_API_URL: "ftp://x", REDIS_URL: "localhost" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT: must be a number/);
    expect(message).toMatch(/DATABASE_URL: must be a postgres/);
    expect(message).toMatch(/SWEEP_SECONDS: must be more than 0/);
    expect(message).toMatch(/GRAPH_API_URL: must be an http/);
    expect(message).toMatch(/REDIS_URL: must be a redis/);
  });

  it("refuses production without its secrets whatever the database, listing them (issue 11 finding 7)", () => {
    for (const source of [{ NODE_ENV: "production" }, { NODE_ENV: "production", DATABASE_URL: "postgres://db/fila" }]) {
      let message = "";
      try {
        parseEnv(source);
      } catch (error) {
        expect(error).toBeInstanceOf(EnvError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/missing: NEXTAUTH_SECRET, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN/);
    }
    // A blank value is no secret either.
    expect(() => parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "a-long-enough-secret", WHATSAPP_APP_SECRET: " ", WHATSAPP_VERIFY_TOKEN: "v" })).toThrow(
      /missing: WHATSAPP_APP_SECRET/,
    );
  });

  it("allows the demo data in production only when asked", () => {
    expect(demoDataAllowed({ NODE_ENV: "development", FILA_SEED_DEMO: false })).toBe(true);
    expect(demoDataAllowed({ NODE_ENV: "production", FILA_SEED_DEMO: false })).toBe(false);
    expect(demoDataAllowed({ NODE_ENV: "production", FILA_SEED_DEMO: true })).toBe(true);
  });

  it("requires real secrets in production on an external database", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/fila" })).toThrow(/NEXTAUTH_SECRET: required in production/);
    expect(
      parseEnv({
        NODE_ENV: "production",
        DATABASE_URL: "postgres://db/fila",
        NEXTAUTH_SECRET: "a-long-enough-secret",
        WHATSAPP_APP_SECRET: "s",
        WHATSAPP_VERIFY_TOKEN: "v",
      }).NODE_ENV,
    ).toBe("production");
  });
});
