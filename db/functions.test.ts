// db/functions/ holds each function's current definition, one file per function: the
// place to read (and change) what a trigger does. Migrations apply them; this test
// holds the files and the migrated database to the same bodies, so a migration that
// forgets its file, or a file edited without a migration, fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";

const DIR = path.join(import.meta.dirname, "functions");
const files = readdirSync(DIR).filter((f) => f.endsWith(".sql"));

/** The body between the dollar quotes of a CREATE FUNCTION statement, whitespace folded. */
function bodyOf(definition: string): string {
  const match = /\bAS\s+(\$\w*\$)([\s\S]*?)\1/.exec(definition);
  if (!match) throw new Error("no dollar-quoted body");
  return fold(match[2]!);
}
const fold = (text: string) => text.replace(/\s+/g, " ").trim();

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function databaseFunctions(): Promise<Map<string, string>> {
  // Our functions: in public, not brought by an extension (unaccent, pg_trgm).
  const rows = await t.sql<{ name: string; src: string }[]>`
    SELECT p.proname AS name, p.prosrc AS src
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`;
  return new Map(rows.map((r) => [r.name, fold(r.src)]));
}

describe("db/functions", () => {
  it("has one file for each function of the migrated database, and no other", async () => {
    const names = [...(await databaseFunctions()).keys()].sort();
    expect(files.map((f) => f.replace(/\.sql$/, "")).sort()).toEqual(names);
  });

  it.each(files)("%s is the body the migrations left in the database", async (file) => {
    const functions = await databaseFunctions();
    const name = file.replace(/\.sql$/, "");
    expect(functions.get(name)).toBe(bodyOf(readFileSync(path.join(DIR, file), "utf8")));
  });
});
