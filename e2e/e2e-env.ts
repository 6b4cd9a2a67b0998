// The e2e environment's addresses, shared by the server script and the specs.
// E2E_SLOT (0 by default) shifts every port and folder, so that several e2e runs can
// share a machine; NEXT_DIST_DIR (next.config.ts) keeps their builds apart.
const slot = Number(process.env.E2E_SLOT ?? 0);
const port = 3100 + slot * 10;
const pgPort = 54339 + slot;
const graphPort = 4011 + slot;

export const E2E = {
  port,
  baseURL: `http://localhost:${port}`,
  dataDir: slot === 0 ? ".data/e2e" : `.data/e2e-${slot}`,
  pgPort,
  databaseURL: `postgres://postgres:postgres@127.0.0.1:${pgPort}/fila`,
  graphPort,
  graphURL: `http://127.0.0.1:${graphPort}`,
  webhookURL: `http://localhost:${port}/api/webhooks/whatsapp`,
  /**
   * PRESENCE_GRACE_SECONDS on the e2e server: long enough that a page navigating or
   * reloading on a machine at load 15+ is back before it (at 2 s it was not always).
   * The grace itself is tested on a fake clock (lib/realtime/presence.test.ts).
   */
  presenceGraceSeconds: 10,
  /**
   * One minute of the reassignment policies lasts this many seconds on the e2e server
   * (POLICY_MINUTE_SECONDS). Long enough for an agent's reply to land inside it on a
   * machine at load 30: at 10 s a reply was once too late, and since a conversation
   * everyone returned goes back to whoever returned it longest ago, a late reply moves
   * it on instead of leaving it queued (at 3 s, a reply typed at once was too late at load 18).
   */
  policyMinuteSeconds: 20,
  // Production mode refuses to start without its own secrets: the e2e server has these.
  appSecret: "e2e-app-secret",
  verifyToken: "e2e-verify-token",
  nextAuthSecret: "e2e-nextauth-secret-0123456789abcdef",
} as const;
