// One postgres.js pool per process (shared by server.ts and the Next.js bundle through
// globalThis), wrapped by drizzle with the domain schema.
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { databaseUrl } from "@/lib/env";
import { currentRequestId } from "./request-context";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
/** An open transaction, as drizzle hands it to `db.transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/**
 * The same kind of transaction one level down, as postgres.js hands it to `sql.begin`:
 * the distribution engine's hot path writes tagged-template SQL on it
 * (lib/distribution/connection.ts). Not a second `Tx`: a drizzle `Tx` sits on one.
 */
export type SqlTx = postgres.TransactionSql;
/** Anything that runs queries: the pool or an open transaction. */
export type Queryable = Db | Tx;

const connectionOptions = {
  onnotice: () => {},
  // A pool that heals (issue 11 finding 5): idle connections close after 30 s and every
  // connection is replaced after at most 10 minutes, so none outlives an outage for
  // long; a connection attempt gives up after 10 s (the request fails, the next one
  // tries a fresh connection) instead of hanging while the database is away.
  idle_timeout: 30,
  max_lifetime: 10 * 60,
  connect_timeout: 10,
  // No JIT and no parallel workers: the app's queries are index scans of a few thousand
  // rows at most, for which compiling a plan costs more than it saves (40 ms measured on
  // a message search at a million conversations) and starting workers takes longer than
  // the scan (a search's probe: 10 ms in parallel, 4 ms alone). The reports, which scan a
  // period, ask for workers again in their own transactions (lib/reports/filter.ts).
  connection: { application_name: "fila", jit: "off", max_parallel_workers_per_gather: "0" },
} satisfies postgres.Options<never>;

/**
 * The address a pool connects to, kept on the pool itself for the connections of their
 * own taken beside it: a registered symbol, because server.ts and the Next.js bundle are
 * separate module graphs sharing one pool (a module-level map would be one per graph).
 */
const URL_KEY = Symbol.for("fila.db.url");
type WithUrl = postgres.Sql & { [URL_KEY]?: string };

const WAITING_KEY = Symbol.for("fila.db.waiting");
type Counted = postgres.Sql & { [WAITING_KEY]?: { count: number } };

/**
 * Callers of this pool waiting for a connection of their own (a transaction or a reserved
 * connection: the distribution engine's and the ingest batches'), for the
 * fila_db_pool_waiting metric. postgres.js keeps its queue to itself: the count is kept
 * here, from the call to the moment the connection is handed over.
 */
export function poolWaiting(sql: postgres.Sql | undefined): number {
  return (sql as Counted | undefined)?.[WAITING_KEY]?.count ?? 0;
}

function countWaiting(sql: postgres.Sql) {
  const waiting = { count: 0 };
  (sql as Counted)[WAITING_KEY] = waiting;
  const begin = sql.begin.bind(sql) as (...args: unknown[]) => Promise<unknown>;
  const reserve = sql.reserve.bind(sql);
  const counted = <T>(started: () => void, work: Promise<T>) => work.finally(started);
  const once = () => {
    let done = false;
    waiting.count++;
    return () => {
      if (!done) waiting.count--;
      done = true;
    };
  };
  Object.assign(sql, {
    begin: (...args: unknown[]) => {
      const started = once();
      const callback = args.at(-1) as (tx: unknown) => unknown;
      return counted(
        started,
        begin(...args.slice(0, -1), (tx: postgres.TransactionSql) => {
          started();
          labelWithRequest(tx);
          return callback(tx);
        }),
      );
    },
    reserve: () => {
      const started = once();
      return counted(started, reserve());
    },
  });
}

/**
 * Within a request, the transaction's first statement names it (db/request-context.ts):
 * sent at once and not awaited, so it rides ahead of the callback's first query on the
 * same connection (pipelined, no extra round trip). Should it fail, the transaction's
 * next statement fails with it.
 */
function labelWithRequest(tx: postgres.TransactionSql) {
  const requestId = currentRequestId();
  if (requestId) void tx`SELECT set_config('fila.request_id', ${requestId}, true)`.execute().catch(() => {});
}

export function createDb(url: string, options: { max?: number; debug?: postgres.Options<never>["debug"] } = {}): { db: Db; sql: postgres.Sql } {
  const sql = postgres(url, {
    ...connectionOptions,
    max: options.max ?? 20,
    // Scripts count statements with it (scripts/count-round-trips.ts).
    ...(options.debug && { debug: options.debug }),
  });
  (sql as WithUrl)[URL_KEY] = url;
  countWaiting(sql);
  return { db: drizzle(sql, { schema, casing: "snake_case" }), sql };
}

/**
 * The address a pool made by createDb connects to (undefined for any other): a worker
 * thread that must read the same database opens its own connection there (the what-if
 * thread loads its history itself rather than receive a copy of it).
 */
export function databaseUrlOf(db: Db): string | undefined {
  return (db.$client as WithUrl)[URL_KEY];
}

/**
 * One connection outside the pool, for a stream whose reader sets the pace (the CSV
 * export's COPY). In the pool, postgres.js pipelines other queries behind a running
 * COPY on the same connection, and pauses that connection's socket while the reader
 * is behind: a download that stalls or goes away then stalls every query queued behind
 * it, each one holding its locks mid-protocol (seen as a sign-in stuck `active` in
 * `ClientRead` that blocked the e2e reset). The caller ends it, with `end({ timeout: 0 })`
 * when the reader is gone.
 */
export function separateConnection(db: Db): postgres.Sql {
  const url = (db.$client as WithUrl)[URL_KEY];
  if (!url) throw new Error("separateConnection: a database made by createDb is needed");
  return postgres(url, { ...connectionOptions, max: 1, idle_timeout: 0, max_lifetime: 0 });
}

/**
 * The same pool, with every query drizzle builds sent as a prepared statement: drizzle
 * sends its queries unprepared, and postgres.js then asks the server to describe each
 * one before binding it (two round trips, and a parse and plan every time). Prepared,
 * a connection parses a query once and binds it in one round trip after. Used by the
 * ingest worker, whose few queries run thousands of times a minute; its plans are
 * chosen by PostgreSQL's plan cache (custom plans until a generic one is as good).
 */
export function withPreparedQueries(db: Db): Db {
  return drizzle(preparing(db.$client), { schema, casing: "snake_case" }) as Db;
}

function preparing(sql: postgres.Sql): postgres.Sql {
  type Callback = (tx: postgres.Sql) => unknown;
  const wrapCallback = (args: unknown[]) => {
    const callback = args.at(-1) as Callback;
    return [...args.slice(0, -1), (tx: postgres.Sql) => callback(preparing(tx))];
  };
  return new Proxy(sql, {
    get(target, key) {
      if (key === "unsafe") {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, { ...options, prepare: true });
      }
      if (key === "begin" || key === "savepoint") {
        const method = Reflect.get(target, key, target) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => method.apply(target, wrapCallback(args));
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const holder = globalThis as unknown as { __filaDb?: { db: Db; sql: postgres.Sql; url: string } };

/** The pool getDb() hands out, when there is one (metrics). */
export function currentPool(): postgres.Sql | undefined {
  return holder.__filaDb?.sql;
}

/** The process's database, from DATABASE_URL (set by server.ts when it starts the embedded one). */
export function getDb(): Db {
  const url = databaseUrl();
  if (!url) throw new Error("DATABASE_URL is not set: start the app with server.ts (npm run dev)");
  if (!holder.__filaDb || holder.__filaDb.url !== url) holder.__filaDb = { ...createDb(url), url };
  return holder.__filaDb.db;
}

export async function closeDb() {
  const current = holder.__filaDb;
  holder.__filaDb = undefined;
  await current?.sql.end({ timeout: 5 });
}
