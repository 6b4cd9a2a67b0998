// Saving group settings, members and channels: the change, its audit row, and the drain
// that follows when the change can make agents eligible.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import type { Actor } from "@/lib/auth/permissions";
import { setAgentStatus } from "@/lib/distribution";
import { decryptSecret } from "@/lib/secrets";
import {
  addChannel,
  addGroupMember,
  createGroup,
  moveChannel,
  readGroupDetails,
  readGroupHistory,
  removeGroupMember,
  setChannelActive,
  setChannelToken,
  updateGroupSettings,
} from "./index";
import { actorOf, findGroupId, queueConversations, queuedCount } from "@/test/groups-fixtures";

let t: TestDatabase;
let manager: Actor;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ||= "test-secret-for-token-encryption";
  t = await createTestDatabase({ seeded: true });
  manager = await actorOf(t.db, "manager");
});
afterAll(() => t.drop());

async function auditRows(groupId: number) {
  return t.db.execute<{ actorId: number; entity: string; entityId: number; action: string; changes: Record<string, { from: unknown; to: unknown }> }>(sql`
    SELECT actor_id AS "actorId", entity, entity_id AS "entityId", action, changes FROM audit_log WHERE group_id = ${groupId} ORDER BY id`);
}

async function loads(groupId: number) {
  const rows = await t.db.execute<{ email: string; load: number }>(sql`
    SELECT u.email, (SELECT count(*)::int FROM conversations c WHERE c.assignee_id = u.id AND c.status = 'assigned' AND c.group_id = ${groupId}) AS load
      FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = ${groupId} ORDER BY u.email`);
  return Object.fromEntries(rows.map((r) => [r.email.split("@")[0], r.load]));
}

describe("group settings", () => {
  it("manual → balanced drains the queue at once between the online members, and is audited", async () => {
    const financeiro = await findGroupId(t.db, "Financeiro");
    // The demo has 2 queued in Financeiro and Fábio holding 1; 3 more arrive. Close Fábio's so both start at 0.
    await t.db.execute(sql`UPDATE conversations SET status = 'closed', closed_at = now() WHERE group_id = ${financeiro} AND status = 'assigned'`);
    await queueConversations(t.db, financeiro, 3);
    const elisa = await actorOf(t.db, "elisa");
    const fabio = await actorOf(t.db, "fabio");
    await setAgentStatus(t.db, { userId: elisa.id, status: "online" });
    await setAgentStatus(t.db, { userId: fabio.id, status: "online" });
    expect(await queuedCount(t.db, financeiro)).toBe(5);

    const result = await updateGroupSettings(t.db, manager, { groupId: financeiro, strategy: "balanced" });
    expect(result.changes).toEqual({ strategy: { from: "manual", to: "balanced" } });
    expect(result.group.strategy).toBe("balanced");
    expect(result.drained.changes).toHaveLength(5);
    expect(result.drained.changes.every((c) => c.kind === "auto" && c.groupId === financeiro)).toBe(true);
    expect(await queuedCount(t.db, financeiro)).toBe(0);
    const split = Object.values(await loads(financeiro)).sort();
    expect(split).toEqual([2, 3]);

    const [row] = (await auditRows(financeiro)).filter((r) => r.action === "group.updated");
    expect(row).toEqual({ actorId: manager.id, entity: "group", entityId: financeiro, action: "group.updated", changes: { strategy: { from: "manual", to: "balanced" } } });
    const [history] = await readGroupHistory(t.db, manager, financeiro);
    expect(history).toMatchObject({ actorName: "Gestora Marina", action: "group.updated", changes: { strategy: { from: "manual", to: "balanced" } } });
  });

  it("records every changed field, old → new, and nothing when nothing changed", async () => {
    const suporte = await findGroupId(t.db, "Suporte");
    const before = (await auditRows(suporte)).length;
    const same = await updateGroupSettings(t.db, manager, { groupId: suporte, strategy: "sequential", onlineOnly: true, maxOpenPerAgent: "" });
    expect(same.changes).toEqual({});
    expect(await auditRows(suporte)).toHaveLength(before);

    const result = await updateGroupSettings(t.db, manager, {
      groupId: suporte,
      name: "  Suporte Técnico ",
      onlineOnly: false,
      maxOpenPerAgent: "4",
      welcomeMessage: "  Olá! Já vamos te atender.  ",
    });
    expect(result.changes).toEqual({
      name: { from: "Suporte", to: "Suporte Técnico" },
      onlineOnly: { from: true, to: false },
      maxOpenPerAgent: { from: null, to: 4 },
      welcomeMessage: { from: null, to: "Olá! Já vamos te atender." },
    });
    const cleared = await updateGroupSettings(t.db, manager, { groupId: suporte, name: "Suporte", maxOpenPerAgent: null, welcomeMessage: "   " });
    expect(cleared.changes).toEqual({
      name: { from: "Suporte Técnico", to: "Suporte" },
      maxOpenPerAgent: { from: 4, to: null },
      welcomeMessage: { from: "Olá! Já vamos te atender.", to: null },
    });
    expect((await auditRows(suporte)).slice(before).map((r) => r.action)).toEqual(["group.updated", "group.updated"]);
  });

  it("raising the cap drains what the old cap held back", async () => {
    const { group } = await createGroup(t.db, manager, { name: "Cobrança", strategy: "balanced" });
    const [agent] = await t.sql`INSERT INTO users (name, email, password_hash, role, status, available_since) VALUES ('Gil', 'gil@fila.test', 'x', 'agent', 'online', now()) RETURNING id`;
    await addChannel(t.db, manager, { groupId: group.id, displayNumber: "+55 11 4000-0004", phoneNumberId: "100000000000004" });
    await updateGroupSettings(t.db, manager, { groupId: group.id, maxOpenPerAgent: 1 });
    await queueConversations(t.db, group.id, 3);

    // Joining makes Gil eligible: the queue drains up to the cap.
    const joined = await addGroupMember(t.db, manager, { groupId: group.id, userId: agent!.id });
    expect(joined.changed).toBe(true);
    expect(joined.drained.changes.map((c) => c.to)).toEqual([agent!.id]);
    expect(await queuedCount(t.db, group.id)).toBe(2);

    const raised = await updateGroupSettings(t.db, manager, { groupId: group.id, maxOpenPerAgent: 2 });
    expect(raised.drained.changes).toHaveLength(1);
    const uncapped = await updateGroupSettings(t.db, manager, { groupId: group.id, maxOpenPerAgent: "" });
    expect(uncapped.drained.changes).toHaveLength(1);
    expect(await queuedCount(t.db, group.id)).toBe(0);

    expect((await auditRows(group.id)).map((r) => r.action)).toEqual([
      "group.created",
      "channel.added",
      "group.updated",
      "member.added",
      "group.updated",
      "group.updated",
    ]);
  });

  it("online-only off gives the queue to offline members", async () => {
    const { group } = await createGroup(t.db, manager, { name: "Plantão", strategy: "sequential" });
    const [agent] = await t.sql`INSERT INTO users (name, email, password_hash, role) VALUES ('Hugo', 'hugo@fila.test', 'x', 'agent') RETURNING id`;
    await addChannel(t.db, manager, { groupId: group.id, displayNumber: "+55 11 4000-0005", phoneNumberId: "100000000000005" });
    await addGroupMember(t.db, manager, { groupId: group.id, userId: agent!.id });
    await queueConversations(t.db, group.id, 2);
    expect(await queuedCount(t.db, group.id)).toBe(2);
    const result = await updateGroupSettings(t.db, manager, { groupId: group.id, onlineOnly: false });
    expect(result.drained.changes.map((c) => c.to)).toEqual([agent!.id, agent!.id]);
  });
});

describe("members", () => {
  it("adds and removes, audited with the member's name; adding twice changes nothing", async () => {
    const vendas = await findGroupId(t.db, "Vendas");
    const diego = await actorOf(t.db, "diego");
    const added = await addGroupMember(t.db, manager, { groupId: vendas, userId: diego.id });
    expect(added).toMatchObject({ changed: true, member: { id: diego.id, name: "Diego Alves" } });
    const count = (await auditRows(vendas)).length;
    expect((await addGroupMember(t.db, manager, { groupId: vendas, userId: diego.id })).changed).toBe(false);
    expect(await auditRows(vendas)).toHaveLength(count);

    const removed = await removeGroupMember(t.db, manager, { groupId: vendas, userId: diego.id });
    expect(removed.changed).toBe(true);
    expect((await removeGroupMember(t.db, manager, { groupId: vendas, userId: diego.id })).changed).toBe(false);
    const rows = (await auditRows(vendas)).filter((r) => r.entity === "group_member");
    expect(rows.map((r) => [r.action, r.changes])).toEqual([
      ["member.added", { member: { from: null, to: { id: diego.id, name: "Diego Alves" } } }],
      ["member.removed", { member: { from: { id: diego.id, name: "Diego Alves" }, to: null } }],
    ]);
    expect((await readGroupDetails(t.db, manager, vendas)).members.map((m) => m.name)).toEqual(["Ana Souza", "Bruno Lima", "Carla Dias"]);
  });
});

describe("channels", () => {
  it("stores the access token encrypted and never returns it", async () => {
    const vendas = await findGroupId(t.db, "Vendas");
    const token = "EAAG-very-secret-access-token-123";
    const { channel } = await addChannel(t.db, manager, { groupId: vendas, displayNumber: "+55 11 4000-0010", phoneNumberId: "100000000000010", accessToken: ` ${token} ` });
    expect(channel).toMatchObject({ displayNumber: "+55 11 4000-0010", phoneNumberId: "100000000000010", tokenSet: true, active: true });
    expect(JSON.stringify(channel)).not.toContain(token);

    const [stored] = await t.sql`SELECT access_token_encrypted FROM channels WHERE id = ${channel.id}`;
    expect(stored!.access_token_encrypted).not.toContain(token);
    expect(decryptSecret(stored!.access_token_encrypted)).toBe(token);

    const details = await readGroupDetails(t.db, manager, vendas);
    expect(details.channels.find((c) => c.id === channel.id)).toEqual({ ...channel, groupId: vendas });
    expect(details.channels.find((c) => c.phoneNumberId === "100000000000001")?.tokenSet).toBe(false);
    const everything = JSON.stringify([details, await readGroupHistory(t.db, manager, vendas)]);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(stored!.access_token_encrypted);

    const replaced = await setChannelToken(t.db, manager, { channelId: channel.id, accessToken: "EAAG-another-token" });
    expect(JSON.stringify(replaced)).not.toContain("EAAG-another-token");
    const [again] = await t.sql`SELECT access_token_encrypted FROM channels WHERE id = ${channel.id}`;
    expect(decryptSecret(again!.access_token_encrypted)).toBe("EAAG-another-token");
    const rows = (await auditRows(vendas)).filter((r) => r.entityId === channel.id);
    expect(rows.map((r) => r.changes.accessToken)).toEqual([
      { from: null, to: "set" },
      { from: "set", to: "replaced" },
    ]);
  });

  it("moves a number between groups (in both histories) and deactivates it", async () => {
    const vendas = await findGroupId(t.db, "Vendas");
    const suporte = await findGroupId(t.db, "Suporte");
    const { channel } = await addChannel(t.db, manager, { groupId: vendas, displayNumber: "+55 11 4000-0011", phoneNumberId: "100000000000011" });
    const moved = await moveChannel(t.db, manager, { channelId: channel.id, groupId: suporte });
    expect(moved).toMatchObject({ changed: true, fromGroupId: vendas, channel: { groupId: suporte } });
    expect((await moveChannel(t.db, manager, { channelId: channel.id, groupId: suporte })).changed).toBe(false);
    for (const groupId of [vendas, suporte]) {
      const [latest] = await readGroupHistory(t.db, manager, groupId);
      expect(latest).toMatchObject({ action: "channel.moved", subject: "+55 11 4000-0011", changes: { group: { from: { id: vendas, name: "Vendas" }, to: { id: suporte, name: "Suporte" } } } });
    }

    const off = await setChannelActive(t.db, manager, { channelId: channel.id, active: false });
    expect(off).toMatchObject({ changed: true, channel: { active: false } });
    expect((await setChannelActive(t.db, manager, { channelId: channel.id, active: false })).changed).toBe(false);
    const [latest] = await readGroupHistory(t.db, manager, suporte);
    expect(latest).toMatchObject({ action: "channel.deactivated", changes: { active: { from: true, to: false } } });
  });
});
