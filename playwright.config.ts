import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/e2e-env";

const baseURL = E2E.baseURL;

// The e2e suite runs the production build (`next build` first) on its own port, its
// own embedded PostgreSQL and its own fake Graph API (scripts/e2e-server.ts).
export default defineConfig({
  testDir: "./e2e",
  // Picture scripts, not tests: `npm run screenshots` (playwright.screenshots.config.ts).
  testIgnore: ["screenshots/**"],
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous: a loaded machine is slow, not wrong. Tests assert outcomes, never speed
  // (scripts/measure-latency.ts prints the figures). The timeout only stops a hung test:
  // the longest specs (many screenshots, several browsers) took 3–4 minutes with three
  // suites sharing two cores.
  timeout: 420_000,
  expect: { timeout: 30_000 },
  forbidOnly: true,
  reporter: [["list"], ["json", { outputFile: ".data/reports/playwright.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node_modules/.bin/tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
