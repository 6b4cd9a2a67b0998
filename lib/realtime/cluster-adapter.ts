// Socket.IO events cross app instances through an adapter: Redis when REDIS_URL is
// set, else PostgreSQL (LISTEN/NOTIFY) on an external database. The embedded database
// means one development instance, which needs none. The PostgreSQL adapter sends a
// broadcast through NOTIFY only while it knows another instance (docs/behaviour.md#environment-and-demo-data: the adapter
// "when several instances"): instances find each other by the adapter's heartbeats
// (one on start, then every 5 s), so a lone instance sends its signals to its own tabs
// and nothing through PostgreSQL but that heartbeat.
import type { Server } from "socket.io";

export type ClusterAdapter = { adapter: Parameters<Server["adapter"]>[0]; kind: "redis" | "postgres"; close: () => Promise<void> };

export async function createClusterAdapter(options: {
  redisUrl?: string;
  databaseUrl: string;
  embedded: boolean;
}): Promise<ClusterAdapter | undefined> {
  if (options.redisUrl) {
    const { createClient } = await import("redis");
    const { createAdapter } = await import("@socket.io/redis-adapter");
    const pub = createClient({ url: options.redisUrl });
    const sub = pub.duplicate();
    pub.on("error", (e) => console.error("[fila] redis:", e));
    sub.on("error", (e) => console.error("[fila] redis:", e));
    await Promise.all([pub.connect(), sub.connect()]);
    return {
      adapter: createAdapter(pub, sub),
      kind: "redis",
      close: async () => {
        await Promise.allSettled([pub.quit(), sub.quit()]);
      },
    };
  }
  if (options.embedded) return undefined;
  const { default: pg } = await import("pg");
  const { createAdapter } = await import("@socket.io/postgres-adapter");
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
  pool.on("error", (e) => console.error("[fila] socket.io postgres adapter:", e));
  // Payloads over NOTIFY's limit go through the socket_io_attachments table (our signals
  // are far smaller), which a migration creates (db/schema.ts).
  return { adapter: onlyWithPeers(createAdapter(pool)), kind: "postgres", close: () => pool.end() };
}

type AdapterFactory = new (nsp: never) => { broadcast: (packet: unknown, opts: { flags?: Record<string, unknown> }) => unknown; nodesMap?: Map<string, number> };

/** Broadcasts go through the adapter only when it has heard from another instance; locally otherwise. */
export function onlyWithPeers<F>(factory: F): F {
  // Socket.IO constructs its adapter with `new`: a function (not an arrow) that returns the adapter.
  return function (nsp: never) {
    const adapter = new (factory as unknown as AdapterFactory)(nsp);
    const broadcast = adapter.broadcast.bind(adapter);
    adapter.broadcast = (packet, opts) =>
      adapter.nodesMap && adapter.nodesMap.size === 0 ? broadcast(packet, { ...opts, flags: { ...opts.flags, local: true } }) : broadcast(packet, opts);
    return adapter;
  } as F;
}
