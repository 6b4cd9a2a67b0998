// A client going away never stops the server (issue 25 item 11). The mechanism, fast and
// exact: a server that takes POST bodies as Next's proxy.ts path does (the cause of the
// "uncaught exception: Error: aborted" exits), with the real crash handlers. With
// keepClientAbortsQuiet the abort never escapes; without it, the crash handler still
// does not exit for it. The real server.ts: lib/runtime/client-abort.test.ts
// (development) and e2e/client-abort.spec.ts (production build).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { abortRequests } from "@/test/abort-requests";
import { isClientAbort } from "./client-abort";

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill();
});

async function startFixture(args: string[]) {
  child = spawn("node_modules/.bin/tsx", ["test/abort-fixture-server.ts", ...args]);
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  await expect.poll(() => /ready on (\d+)/.test(output) || child!.exitCode !== null, { timeout: 120_000 }).toBe(true);
  const port = Number(/ready on (\d+)/.exec(output)?.[1]);
  return { port, output: () => output, process: child };
}

describe("a client that goes away mid-request", () => {
  it("knows Node's abort error and nothing else", () => {
    expect(isClientAbort(Object.assign(new Error("aborted"), { code: "ECONNRESET" }))).toBe(true);
    expect(isClientAbort(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))).toBe(false);
    expect(isClientAbort(new Error("aborted"))).toBe(false);
    expect(isClientAbort("aborted")).toBe(false);
  });

  it("with keepClientAbortsQuiet (server.ts): the abort never escapes, the process answers", async () => {
    const server = await startFixture(["--quiet"]);
    await abortRequests({ port: server.port, cookie: "", rounds: 3, paths: ["/"] });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(server.process.exitCode).toBeNull();
    expect(server.output()).not.toContain("went away");
    expect(server.output()).not.toContain("exiting");
    expect(await (await fetch(`http://localhost:${server.port}/`)).json()).toEqual({ ok: true });
  }, 180_000);

  it("without it, the abort escapes but the crash handler does not exit for it", async () => {
    const server = await startFixture([]);
    await abortRequests({ port: server.port, cookie: "", rounds: 3, paths: ["/"] });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(server.process.exitCode).toBeNull();
    expect(server.output()).toContain("a client went away mid-request");
    expect(server.output()).not.toContain("exiting");
    expect(await (await fetch(`http://localhost:${server.port}/`)).json()).toEqual({ ok: true });
  }, 180_000);
});
