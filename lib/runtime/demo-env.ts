// `npm run demo`: the compiled production server with the demo data, in one command, to
// try Fila at production speed (`npm run dev` compiles each page on first use). Its own
// data folder, PostgreSQL port and build folder, so it runs beside `npm run dev`.
import { randomBytes } from "node:crypto";

export const DEMO_BUILD_DIR = ".next-demo";

/**
 * The environment of the demo server: production with the demo data. The session secret
 * is new at every start (signing in again after a restart is the price); the WhatsApp
 * secrets are the development ones, so the simulator and the fake Graph API work with it.
 * Whatever the caller sets wins.
 */
export function demoServerEnv(base: Record<string, string | undefined>): Record<string, string | undefined> {
  return {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    WHATSAPP_APP_SECRET: "dev-app-secret",
    WHATSAPP_VERIFY_TOKEN: "dev-verify-token",
    FILA_DATA_DIR: ".data/demo",
    EMBEDDED_PG_PORT: "54328",
    ...base,
    NODE_ENV: "production",
    FILA_SEED_DEMO: "1",
    NEXT_DIST_DIR: DEMO_BUILD_DIR,
  };
}
