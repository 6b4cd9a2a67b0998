// Issue 11 finding 7: `npm start` (production) must not run on the public development
// secrets, not even on the embedded database.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

function startProduction(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("node_modules/.bin/tsx", ["server.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: "",
        NEXTAUTH_SECRET: "",
        WHATSAPP_APP_SECRET: "",
        WHATSAPP_VERIFY_TOKEN: "",
        FILA_DATA_DIR: `.data/production-start-${process.pid}`,
        ...env,
      },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("npm start without secrets", () => {
  it("refuses to start on the embedded database, naming every missing secret", async () => {
    const { code, output } = await startProduction({});
    expect(code).toBe(1);
    expect(output).toContain("missing: NEXTAUTH_SECRET, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN");
    expect(output).not.toContain("starting embedded PostgreSQL");
  }, 60_000);

  it("refuses when only some are given", async () => {
    const { code, output } = await startProduction({ NEXTAUTH_SECRET: "a-long-enough-production-secret" });
    expect(code).toBe(1);
    expect(output).toContain("missing: WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN");
  }, 60_000);
});
