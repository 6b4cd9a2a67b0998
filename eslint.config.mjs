import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Boundaries (docs/architecture.md#the-layers):
// - lib/ is the domain: it does not import the web framework (next/*, next-auth*), so
//   scripts and tests can call it; three files adapt next-auth and Next's request to it.
// - test helpers (test/, vitest) are for tests only.
// - dev/ holds development fakes (the fake Graph API, webhook payload builders, the simulated
//   contact): tests, scripts and the e2e server use them; the shipped app (lib/, app/,
//   components/, server.ts, proxy.ts) never does.
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
const devOnly = {
  paths: [],
  patterns: [{ group: ["@/dev", "@/dev/*", "**/dev/*"], message: "dev/ (fakes, payload builders) is for tests and scripts only, not the shipped app." }],
};
const both = (...rules) => ({ paths: rules.flatMap((r) => r.paths), patterns: rules.flatMap((r) => r.patterns) });
const SHIPPED = ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "server.ts", "proxy.ts"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", "dist/**", ".data/**", "node_modules/**", "next-env.d.ts", "db/migrations/**", "test-results/**", "playwright-report/**"]),
  { files: ["**/*.{ts,tsx,mjs,js}"], ignores: TESTS, rules: { "no-restricted-imports": ["error", testOnly] } },
  { files: SHIPPED, ignores: TESTS, rules: { "no-restricted-imports": ["error", both(testOnly, devOnly)] } },
  { files: ["lib/**/*.{ts,tsx}"], ignores: TESTS, rules: { "no-restricted-imports": ["error", both(testOnly, devOnly)] } },
  { files: ["lib/**/*.{ts,tsx}"], ignores: [...TESTS, ...WEB_ADAPTERS], rules: { "no-restricted-imports": ["error", both(testOnly, webFramework, devOnly)] } },
  { files: ["lib/**/*.test.{ts,tsx}"], rules: { "no-restricted-imports": ["error", webFramework] } },
  // One announcer (docs/architecture.md#how-to-add-a-feature, step 5): commands return their
  // signals and lib/realtime/announce.ts publishes them; no other file imports publish().
  {
    files: ["**/*.{ts,tsx,mjs,js}"],
    ignores: ["lib/realtime/announce.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value=/(^|\\/)publish$/] > ImportSpecifier[imported.name='publish']",
          message: "Announce signals through lib/realtime/announce.ts (or a wrapper in lib/realtime/announced-commands.ts), not publish().",
        },
      ],
    },
  },
]);
