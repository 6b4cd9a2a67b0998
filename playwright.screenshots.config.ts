import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// `npm run screenshots`: the picture scripts in e2e/screenshots/ (not tests: they assert
// nothing), on the same production build, server and browser as the e2e suite.
export default defineConfig({
  ...base,
  testDir: "./e2e/screenshots",
  testMatch: "**/*.screens.ts",
  testIgnore: [],
  reporter: [["list"]],
});
