import postgres from "postgres";
import { afterAll, describe, expect, it, inject } from "vitest";
import { parseEnv } from "@/lib/env";
import { prepareDatabase } from "./prepare-database";

const adminUrl = inject("pgAdminUrl");
const name = `fila_external_${process.pid}`;
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });

afterAll(async () => {
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe("prepareDatabase with DATABASE_URL", () => {
  it("uses that server: migrates and seeds an empty database, then leaves it be", async () => {
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const env = parseEnv({ DATABASE_URL: url });
    const first = await prepareDatabase(env, () => {});
    expect(first).toMatchObject({ url, embedded: false, seeded: true });
    const second = await prepareDatabase(env, () => {});
    expect(second.seeded).toBe(false);

    const sql = postgres(url, { max: 1, onnotice: () => {} });
    expect((await sql`SELECT count(*)::int AS n FROM users`)[0]!.n).toBe(7);
    await sql.end();
  });

  it("does not seed demo data into a production database", async () => {
    const prodName = `${name}_prod`;
    await admin.unsafe(`CREATE DATABASE ${prodName}`);
    const prodUrl = Object.assign(new URL(adminUrl), { pathname: `/${prodName}` }).toString();
    const env = parseEnv({
      NODE_ENV: "production",
      DATABASE_URL: prodUrl,
      NEXTAUTH_SECRET: "a-production-secret",
      WHATSAPP_APP_SECRET: "s",
      WHATSAPP_VERIFY_TOKEN: "v",
    });
    expect((await prepareDatabase(env, () => {})).seeded).toBe(false);
    const sql = postgres(prodUrl, { max: 1, onnotice: () => {} });
    expect((await sql`SELECT count(*)::int AS n FROM users`)[0]!.n).toBe(0);
    await sql.end();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${prodName} WITH (FORCE)`);
  });
});
