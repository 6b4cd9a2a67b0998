// A settings save is checked against the version the form saw (docs/behaviour.md#group-settings):
// a stale one is refused and changes nothing; a partial save merges into the locked row;
// and the form's draft sends only what the manager changed.
import { getTableColumns, sql } from "drizzle-orm";
import { channelGroups } from "@/db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { Actor } from "@/lib/auth/permissions";
import { UserError } from "@/lib/errors";
import { readGroupDetails, updateGroupSettings } from "./index";
import { changedDraft, draftOf, SETTINGS_FIELDS } from "./settings-fields";
import { actorOf, findGroupId } from "@/test/groups-fixtures";

let t: TestDatabase;
let manager: Actor;

beforeAll(async () => {
  t = await createTestDatabase({ seeded: true });
  manager = await actorOf(t.db, "manager");
});
afterAll(() => t.drop());

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
const settingsRow = async (groupId: number) =>
  (await t.db.execute<{ strategy: string; onlineOnly: boolean; version: number }>(sql`
    SELECT strategy, online_only AS "onlineOnly", version FROM channel_groups WHERE id = ${groupId}`))[0]!;
const updates = async (groupId: number) =>
  (await t.db.execute<{ changes: object }>(sql`SELECT changes FROM audit_log WHERE group_id = ${groupId} AND action = 'group.updated' ORDER BY id`)).map((r) => r.changes);

it("every setting of the list is a column of channel_groups (else drizzle would drop it from the save without a word)", () => {
  expect(SETTINGS_FIELDS.filter((field) => !(field in getTableColumns(channelGroups)))).toEqual([]);
});

describe("the settings version", () => {
  it("goes up by one on a save that changes something, and is what the details and the save's answer carry", async () => {
    const vendas = await findGroupId(t.db, "Vendas");
    const { group } = await readGroupDetails(t.db, manager, vendas);
    const saved = await updateGroupSettings(t.db, manager, { groupId: vendas, version: group.version, strategy: "sequential" });
    expect(saved.group.version).toBe(group.version + 1);
    expect((await readGroupDetails(t.db, manager, vendas)).group).toMatchObject({ version: group.version + 1, strategy: "sequential" });
    // Nothing changed: the version stays.
    const same = await updateGroupSettings(t.db, manager, { groupId: vendas, version: saved.group.version, strategy: "sequential" });
    expect(same.changes).toEqual({});
    expect(same.group.version).toBe(saved.group.version);
  });

  it("a save against an older version is refused with a conflict and changes nothing (the double save of issue 25)", async () => {
    const suporte = await findGroupId(t.db, "Suporte");
    await updateGroupSettings(t.db, manager, { groupId: suporte, strategy: "balanced", onlineOnly: true });
    const seen = (await readGroupDetails(t.db, manager, suporte)).group;
    // First save: Sequential.
    const first = await updateGroupSettings(t.db, manager, { groupId: suporte, version: seen.version, strategy: "sequential" });
    const auditBefore = await updates(suporte);
    // A form still showing the values from before that save sends everything it shows.
    const error = await refusal(updateGroupSettings(t.db, manager, { groupId: suporte, version: seen.version, strategy: "balanced", onlineOnly: false }));
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: "conflict", params: { version: first.group.version } });
    expect(await settingsRow(suporte)).toEqual({ strategy: "sequential", onlineOnly: true, version: first.group.version });
    expect(await updates(suporte)).toEqual(auditBefore);
  });

  it("a partial save merges into the row as it is now: the toggle after a save keeps the saved strategy", async () => {
    const financeiro = await findGroupId(t.db, "Financeiro");
    const seen = (await readGroupDetails(t.db, manager, financeiro)).group;
    const first = await updateGroupSettings(t.db, manager, { groupId: financeiro, version: seen.version, strategy: "sequential" });
    // The form restarts from the save's answer and sends only the switch it changed.
    const saved = draftOf(first.group);
    const changed = changedDraft(saved, { ...saved, onlineOnly: !saved.onlineOnly }, "settings");
    expect(changed).toEqual({ onlineOnly: !saved.onlineOnly });
    const second = await updateGroupSettings(t.db, manager, { groupId: financeiro, version: first.group.version, ...changed });
    expect(second.changes).toEqual({ onlineOnly: { from: saved.onlineOnly, to: !saved.onlineOnly } });
    expect(await settingsRow(financeiro)).toEqual({ strategy: "sequential", onlineOnly: !saved.onlineOnly, version: seen.version + 2 });
    expect((await updates(financeiro)).slice(-2)).toEqual([
      { strategy: { from: "manual", to: "sequential" } },
      { onlineOnly: { from: saved.onlineOnly, to: !saved.onlineOnly } },
    ]);
  });

  it("refuses a version that is not a whole number, and an API client may leave it out", async () => {
    const vendas = await findGroupId(t.db, "Vendas");
    for (const version of [-1, 1.5, "1", null]) {
      expect(await refusal(updateGroupSettings(t.db, manager, { groupId: vendas, version: version as number, name: "Vendas" }))).toMatchObject({ code: "invalid_input" });
    }
    const { version } = await settingsRow(vendas);
    const result = await updateGroupSettings(t.db, manager, { groupId: vendas, maxOpenPerAgent: 3 });
    expect(result.group.version).toBe(version + 1);
  });

  it("an agent is refused before the version is looked at", async () => {
    const vendas = await findGroupId(t.db, "Vendas");
    const ana = await actorOf(t.db, "ana");
    expect(await refusal(updateGroupSettings(t.db, ana, { groupId: vendas, version: 0, strategy: "manual" }))).toMatchObject({ code: "forbidden" });
  });
});
