// How long a person waits on their first clicks after `npm run dev` on a fresh clone
// (issue 31: sign-in took 46.7 s, a take 7–20 s, while pages compiled on first use).
// Starts server.ts in development with an empty build folder (.next-firstuse) and its
// own data folder, with or without --warm-up, waits for "ready on" (and, warmed, for the
// warm-up to finish), then signs in as Elisa and takes a Financeiro conversation from
// the queue in Chromium, timing each step.
//   node_modules/.bin/tsx scripts/measure-dev-first-use.ts [--warm-up] [--port 3060]
// Last line: {"bench":"dev-first-use","warmUp":…,"readyMs":…,"warmUpMs":…,"signInMs":…,"takeMs":…}
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium, expect } from "@playwright/test";

const { values: flags } = parseArgs({ options: { "warm-up": { type: "boolean", default: false }, port: { type: "string", default: "3060" } } });
const warm = flags["warm-up"];
const port = Number(flags.port);
const distDir = ".next-firstuse";
const dataDir = ".data/firstuse";
rmSync(distDir, { recursive: true, force: true });
rmSync(dataDir, { recursive: true, force: true });

const started = Date.now();
const server = spawn("node", ["--import", "tsx", "server.ts", ...(warm ? ["--warm-up"] : [])], {
  env: { ...process.env, NODE_ENV: "development", PORT: String(port), NEXT_DIST_DIR: distDir, FILA_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port + 51000), DATABASE_URL: "", REDIS_URL: "" },
  stdio: ["ignore", "pipe", "inherit"],
});
let output = "";
server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
const until = async (pattern: RegExp) => {
  while (!pattern.test(output)) {
    if (server.exitCode !== null) throw new Error(`server exited:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return Date.now() - started;
};

try {
  const readyMs = await until(/ready on/);
  const warmUpMs = warm ? (await until(/warm-up: compiled/)) - readyMs : 0;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
  const page = await browser.newPage({ baseURL: `http://localhost:${port}` });
  const signInStart = Date.now();
  await page.goto("/login", { timeout: 300_000 });
  await page.locator('input[name="email"]').fill("elisa@fila.test");
  await page.locator('input[name="password"]').fill("fila-demo");
  await page.locator('button[type="submit"]').click();
  await expect(page.getByTestId("tab-queue")).toBeVisible({ timeout: 300_000 });
  const signInMs = Date.now() - signInStart;
  await page.getByTestId("tab-queue").click();
  await page.locator('[data-testid="conversation-row"]').first().click({ timeout: 300_000 });
  const take = page.getByRole("button", { name: "Assign to me" });
  await take.waitFor({ timeout: 300_000 });
  const takeStart = Date.now();
  await take.click();
  await expect(page.getByTestId("conversation-assignee")).toHaveText("You", { timeout: 300_000 });
  const takeMs = Date.now() - takeStart;
  await browser.close();
  console.log(JSON.stringify({ bench: "dev-first-use", warmUp: warm, readyMs, warmUpMs, signInMs, takeMs }));
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
}
