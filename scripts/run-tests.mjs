// `npm test`: typecheck, lint, Vitest (unit + integration on real PostgreSQL), the
// production build (Next.js and the compiled server), then Playwright end-to-end in Chromium. Prints one plain line
// `N passed, N failed` at the end with the totals of every runner (CI reads it).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const reports = ".data/reports";
mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0 };
// What failed, by name: printed again just above the totals, because CI shows only the
// tail of the output and a runner's own report scrolls far above it.
const failures = [];
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
  if (!ok) failures.push(`${label}: exit status not 0 (its output is above)`);
  return ok;
}

function relative(file) {
  return file?.startsWith(process.cwd()) ? file.slice(process.cwd().length + 1) : file;
}

// The first line of an error, without colour codes, short enough for a log tail.
function firstLine(text) {
  const line = String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").find((part) => part.trim() !== "") ?? "";
  return line.trim().slice(0, 300);
}

// Playwright's JSON report nests suites (file › describe › …); each spec holds its tests.
function* playwrightTests(suites) {
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) yield { ...test, title: spec.title, file: spec.file, line: spec.line };
    }
    yield* playwrightTests(suite.suites ?? []);
  }
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
  if (!vitestOk && vitest.numFailedTests === 0) {
    totals.failed += 1;
    failures.push("vitest: a file failed outside its tests (its output is above)");
  }
  for (const file of vitest.testResults ?? []) {
    if (file.status === "failed" && (file.assertionResults ?? []).every((test) => test.status !== "failed")) {
      failures.push(`vitest ${relative(file.name)}: ${firstLine(file.message)}`);
    }
    for (const test of file.assertionResults ?? []) {
      if (test.status !== "passed") {
        failures.push(`vitest ${relative(file.name)} › ${test.fullName} (${test.status}): ${firstLine(test.failureMessages?.[0])}`);
      }
    }
  }
} else {
  totals.failed += 1;
  failures.push("vitest: no report was written (its output is above)");
}

const built = check("build", bin("next"), ["build"]) && check("build server", "node", ["scripts/build-server.mjs"]);
if (built) {
  rmSync(`${reports}/playwright.json`, { force: true });
  const e2eOk = run("e2e", bin("playwright"), ["test"]);
  const e2e = readJson(`${reports}/playwright.json`);
  if (e2e?.stats) {
    totals.passed += e2e.stats.expected;
    totals.failed += e2e.stats.unexpected + e2e.stats.flaky + e2e.stats.skipped;
    if (!e2eOk && e2e.stats.unexpected === 0) {
      totals.failed += 1;
      failures.push("e2e: the run failed outside its tests (its output is above)");
    }
    for (const test of playwrightTests(e2e.suites ?? [])) {
      if (test.status !== "expected") {
        const error = test.results?.find((result) => result.error)?.error?.message;
        failures.push(`e2e ${test.file}:${test.line} › ${test.title} (${test.status}): ${firstLine(error)}`);
      }
    }
  } else {
    totals.failed += 1;
    failures.push("e2e: no report was written (its output is above)");
  }
} else {
  totals.failed += 1;
  failures.push("e2e: not run, the build failed");
}

if (failures.length > 0) {
  console.log("\nFailed:");
  for (const failure of failures) console.log(`  ✗ ${failure}`);
}
const line = `${totals.passed} passed, ${totals.failed} failed`;
writeFileSync(`${reports}/totals.txt`, `${line}\n`);
console.log(`\n${line}`);
process.exit(totals.failed === 0 && existsSync(`${reports}/totals.txt`) ? 0 : 1);
