import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Boundaries (README, "Architecture"):
// - lib/ is the domain: it does not import the web framework (next/*, next-auth*), so
//   scripts and tests can call it; three files adapt next-auth and Next's request to it.
// - test helpers (test/, vitest) are for tests only.
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "test/**", "e2e/**", "vitest.config.ts", "playwright.config.ts"];
const WEB_ADAPTERS = ["lib/auth/next-auth.ts", "lib/auth/session.ts", "lib/i18n/request-locale.ts"];

const testOnly = {
  paths: [{ name: "vitest", message: "vitest is for tests only (*.test.ts, test/)." }],
  patterns: [{ group: ["vitest/*", "@/test/*"], message: "Test helpers (test/) are for tests only." }],
};
const webFramework = {
  paths: [
    { name: "next", message: "lib/ does not import Next.js: put the adapter in app/ (or lib/auth/session.ts, lib/i18n/request-locale.ts)." },
    { name: "next-auth", message: "lib/ does not import next-auth outside lib/auth/next-auth.ts and lib/auth/session.ts." },
  ],
  patterns: [
    {
      group: ["next/*", "next-auth/*"],
      message: "lib/ does not import Next.js or next-auth: only lib/auth/next-auth.ts, lib/auth/session.ts and lib/i18n/request-locale.ts adapt them.",
    },
  ],
};
const both = (a, b) => ({ paths: [...a.paths, ...b.paths], patterns: [...a.patterns, ...b.patterns] });

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", ".data/**", "node_modules/**", "next-env.d.ts", "db/migrations/**", "test-results/**", "playwright-report/**"]),
  { files: ["**/*.{ts,tsx,mjs,js}"], ignores: TESTS, rules: { "no-restricted-imports": ["error", testOnly] } },
  { files: ["lib/**/*.{ts,tsx}"], ignores: [...TESTS, ...WEB_ADAPTERS], rules: { "no-restricted-imports": ["error", both(testOnly, webFramework)] } },
  { files: ["lib/**/*.test.{ts,tsx}"], rules: { "no-restricted-imports": ["error", webFramework] } },
]);
