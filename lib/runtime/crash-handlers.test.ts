// Issue 11 finding 5: an uncaught exception (postgres.js' "Cannot read properties of
// null (reading 'write')") must not leave the process half-alive.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

function run(kind: "exception" | "rejection"): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("node_modules/.bin/tsx", ["dev/crash-script.ts", kind]);
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("crash handlers", () => {
  it.each(["exception", "rejection"] as const)("an uncaught %s stops the process cleanly with status 1, though a server was listening", async (kind) => {
    const { code, output } = await run(kind);
    expect(code).toBe(1);
    expect(output).toContain(kind === "exception" ? "uncaught exception, exiting" : "unhandled rejection, exiting");
    expect(output).toContain("stopping cleanly");
  }, 60_000);
});
