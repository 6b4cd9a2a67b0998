// In development NEXTAUTH_SECRET is generated once and kept under the data folder, so
// sessions survive restarts without anyone having to configure it.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function ensureAuthSecret(dataDir: string): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  const secret = readFileSync(file, "utf8").trim();
  process.env.NEXTAUTH_SECRET = secret;
  return secret;
}
