// One list per setting (docs/adding-a-setting.md): a setting added to the list and to the
// table — here a dummy one, for this test only — is validated, saved, audited, read back,
// named in the history and held by the form, with no other line of code written for it.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { Actor } from "@/lib/auth/permissions";
import { translate } from "@/lib/i18n/translate";
import { describeChanges } from "@/components/groups/describe-change";
import { readGroupDetails, readGroupHistory, updateGroupSettings } from "./index";
import { changedDraft, draftOf, GROUP_SETTINGS, SETTINGS_FIELDS } from "./settings-fields";
import { actorOf, findGroupId } from "@/test/groups-fixtures";

// What step 1 of docs/adding-a-setting.md does in db/schema.ts: a column of channel_groups.
vi.mock("@/db/schema", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/db/schema")>();
  const { getTableColumns } = await import("drizzle-orm");
  const { text } = await import("drizzle-orm/pg-core");
  const column = (text("dummy_note") as unknown as { build: (table: unknown) => unknown }).build(real.channelGroups);
  Object.assign(real.channelGroups, { dummyNote: column });
  // getTableColumns answers the table's own record of columns: the column joins it.
  Object.assign(getTableColumns(real.channelGroups), { dummyNote: column });
  return real;
});

// Step 2: its entry in the list.
vi.mock("./settings-fields", async (importOriginal) => {
  const real = await importOriginal<typeof import("./settings-fields")>();
  const { z } = await import("zod");
  const GROUP_SETTINGS = {
    ...real.GROUP_SETTINGS,
    dummyNote: { input: z.string().max(20, "groups.invalid.value").nullable(), label: "groups.field.welcomeMessage", card: "settings", draft: "text" },
  };
  return { ...real, GROUP_SETTINGS, SETTINGS_FIELDS: Object.keys(GROUP_SETTINGS), groupSettingsSchema: real.settingsInputSchema(GROUP_SETTINGS) };
});

let t: TestDatabase;
let manager: Actor;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  manager = await actorOf(t.db, "manager");
  // Step 1's migration.
  await t.sql`ALTER TABLE channel_groups ADD COLUMN dummy_note text`;
});
afterAll(() => t.drop());

describe("a setting added to the list", () => {
  it("is in the list this test made", () => {
    expect(SETTINGS_FIELDS).toContain("dummyNote");
  });

  it("is saved, audited, read back and named in the history", async () => {
    const vendas = await findGroupId(t.db, "Vendas");
    const { group } = await readGroupDetails(t.db, manager, vendas);
    expect(group).toMatchObject({ dummyNote: null });

    const result = await updateGroupSettings(t.db, manager, { groupId: vendas, version: group.version, dummyNote: "hello" } as never);
    expect(result.changes).toEqual({ dummyNote: { from: null, to: "hello" } });
    const [row] = await t.db.execute<{ dummy_note: string | null }>(sql`SELECT dummy_note FROM channel_groups WHERE id = ${vendas}`);
    expect(row!.dummy_note).toBe("hello");
    expect((await readGroupDetails(t.db, manager, vendas)).group).toMatchObject({ dummyNote: "hello", version: group.version + 1 });

    const [latest] = await readGroupHistory(t.db, manager, vendas);
    expect(latest).toMatchObject({ action: "group.updated", changes: { dummyNote: { from: null, to: "hello" } } });
    const t_ = (key: string, params?: Record<string, string | number>) => translate("en", key as never, params);
    expect(describeChanges(t_ as never, latest!.changes).map((line) => line.label)).toEqual(["Welcome message"]);

    // Its input schema validates it like any other setting.
    await expect(updateGroupSettings(t.db, manager, { groupId: vendas, dummyNote: "x".repeat(21) } as never)).rejects.toMatchObject({
      code: "invalid_input",
      fields: { dummyNote: "groups.invalid.value" },
    });
  });

  it("is held by the form and sent when the manager changes it", async () => {
    const vendas = await findGroupId(t.db, "Vendas");
    const { group } = await readGroupDetails(t.db, manager, vendas);
    const saved = draftOf(group, GROUP_SETTINGS);
    expect(saved).toMatchObject({ dummyNote: "hello" });
    expect(changedDraft(saved, { ...saved, dummyNote: "bye" } as never, "settings", GROUP_SETTINGS)).toEqual({ dummyNote: "bye" });
  });
});
