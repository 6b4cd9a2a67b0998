// Runs the fake Graph API on loopback for local runs and e2e: start the app with
// GRAPH_API_URL=http://127.0.0.1:4010 and replies, welcomes and their delivery ticks
// flow without Meta.
//   tsx scripts/fake-graph.ts [--port 4010] [--webhook-url URL] [--no-statuses] [--quiet]
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { startFakeGraph } from "@/dev/fake-graph";

const { values: flags } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    "webhook-url": { type: "string" },
    "no-statuses": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
  },
});

const config = env();
const webhookUrl = flags["webhook-url"] ?? `http://localhost:${config.PORT}/api/webhooks/whatsapp`;
const log = (line: string) => console.log(`[fake-graph] ${line}`);

const fake = await startFakeGraph({
  port: Number(flags.port),
  statusCallbacks: flags["no-statuses"] ? undefined : { webhookUrl, appSecret: config.WHATSAPP_APP_SECRET },
  log: flags.quiet ? undefined : log,
});
log(`listening on ${fake.url} (GET /__sent, POST /__reset, POST /__fail-next {"count":2,"status":500})`);
log(flags["no-statuses"] ? "delivery statuses off" : `delivery statuses → ${webhookUrl}, signed with WHATSAPP_APP_SECRET`);

const stop = async () => {
  await fake.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
