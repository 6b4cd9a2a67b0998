import { createDb } from "@/db/client";
import * as r from "@/lib/reports";
import { reportAgents } from "@/lib/reports/agents";
const { db, sql } = createDb(process.env.U!, { max: 4 });
const to = new Date(); const from = new Date(to.getTime() - 30 * 86400_000);
const filter = { from, to, timeZone: "America/Sao_Paulo", ...(process.env.G ? { groupId: Number(process.env.G) } : {}) };
const agents = (await reportAgents(db, filter)).map((a) => a.agentId);
const fns: [string, () => Promise<unknown>][] = [
  ["received", () => r.receivedCounts(db, filter)], ["closed", () => r.closedCounts(db, filter)], ["assigned", () => r.assignedByKind(db, filter)],
  ["queueWait", () => r.queueWait(db, filter)], ["firstResponse", () => r.firstResponse(db, filter)], ["resolution", () => r.resolution(db, filter)],
  ["fairness", () => r.fairness(db, filter)], ["timeInStatus", () => r.timeInStatus(db, filter, agents)], ["load", () => r.loadOverTime(db, filter)],
  ["heatmap", () => r.arrivalsHeatmap(db, filter)], ["volume", () => r.volumeOverTime(db, filter)], ["live", () => r.liveCounts(db, filter)],
];
for (const [name, fn] of fns) { await fn(); const s = performance.now(); await fn(); await fn(); console.log(name, ((performance.now() - s) / 2).toFixed(1)); }
await sql.end();
