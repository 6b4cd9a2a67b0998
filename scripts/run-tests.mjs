// `npm test`: typecheck, lint, Vitest (unit + integration on real PostgreSQL), the
// production build (Next.js and the compiled server), then Playwright end-to-end in Chromium. Prints one plain line
// `N passed, N failed` at the end with the totals of every runner (CI reads it).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const reports = ".data/reports";
mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0 };
const bin = (name) => `node_modules/.bin/${name}`;

function run(label, command, args) {
  console.log(`\n▶ ${label}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, FORCE_COLOR: "1" } });
  console.log(`◀ ${label}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return result.status === 0;
}

function check(label, command, args) {
  const ok = run(label, command, args);
  totals[ok ? "passed" : "failed"] += 1;
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

check("typecheck", bin("tsc"), ["--noEmit"]);
check("lint", bin("eslint"), [".", "--max-warnings=0"]);

rmSync(`${reports}/vitest.json`, { force: true });
const vitestOk = run("vitest", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${reports}/vitest.json`]);
const vitest = readJson(`${reports}/vitest.json`);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests + (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  // A file that fails to load has no tests to count: still a failure.
  if (!vitestOk && vitest.numFailedTests === 0) totals.failed += 1;
} else totals.failed += 1;

const built = check("build", bin("next"), ["build"]) && check("build server", "node", ["scripts/build-server.mjs"]);
if (built) {
  rmSync(`${reports}/playwright.json`, { force: true });
  const e2eOk = run("e2e", bin("playwright"), ["test"]);
  const e2e = readJson(`${reports}/playwright.json`);
  if (e2e?.stats) {
    totals.passed += e2e.stats.expected;
    totals.failed += e2e.stats.unexpected + e2e.stats.flaky + e2e.stats.skipped;
    if (!e2eOk && e2e.stats.unexpected === 0) totals.failed += 1;
  } else totals.failed += 1;
} else totals.failed += 1;

const line = `${totals.passed} passed, ${totals.failed} failed`;
writeFileSync(`${reports}/totals.txt`, `${line}\n`);
console.log(`\n${line}`);
process.exit(totals.failed === 0 && existsSync(`${reports}/totals.txt`) ? 0 : 1);
