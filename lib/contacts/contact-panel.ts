// The contact side panel: who the contact is (name, number or WhatsApp username / user
// id, first contact, how many conversations) and what agents wrote about them (a display
// name that replaces the profile name in Fila, a note). Whoever may see a conversation of
// the contact may read and edit it; every edit is audited (audit_log, entity "contact").
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { contacts, conversations } from "@/db/schema";
import { requireActor, requireConversationAccess, type Actor } from "@/lib/auth/permissions";
import { parseId, parseInput, UserError } from "@/lib/errors";
import { changedFields, recordAudit } from "@/lib/groups/audit-log";
import { updateContactInput, type UpdateContactInput } from "./schemas";

/** GET /api/v1/conversations/{id}/contact. */
export const contactPanelAnswer = z
  .object({
    id: z.int().min(1),
    name: z.string().nullable().describe("What Fila shows: the display name an agent set, else the WhatsApp profile name"),
    profileName: z.string().nullable(),
    displayName: z.string().nullable(),
    phone: z.string().nullable().describe("The phone number (wa_id); null for contacts known only by their WhatsApp user id"),
    username: z.string().nullable(),
    userId: z.string().nullable(),
    note: z.string().nullable(),
    firstContactAt: z.string().meta({ format: "date-time" }),
    conversationCount: z.int().min(0),
  })
  .meta({ id: "Contact" });
export type ContactPanel = z.output<typeof contactPanelAnswer>;

type Row = Omit<ContactPanel, "phone"> & { waId: string | null };

async function loadContact(db: Db, conversationId: number): Promise<ContactPanel | null> {
  const [row] = await db.execute<Row>(sql`
    SELECT ct.id, coalesce(ct.display_name, ct.profile_name) AS name, ct.profile_name AS "profileName",
           ct.display_name AS "displayName", ct.wa_id AS "waId", ct.username, ct.user_id AS "userId", ct.note,
           to_char(LEAST(ct.created_at, stats.first) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "firstContactAt",
           stats.count AS "conversationCount"
      FROM conversations c
      JOIN contacts ct ON ct.id = c.contact_id
      CROSS JOIN LATERAL (SELECT min(created_at) AS first, count(*)::int AS count
                            FROM conversations WHERE contact_id = ct.id) stats
     WHERE c.id = ${conversationId}`);
  if (!row) return null;
  const { waId, ...rest } = row;
  return { ...rest, phone: waId };
}

export async function readContactPanel(db: Db, actor: Actor | null | undefined, id: unknown): Promise<ContactPanel> {
  const conversationId = parseId(id, "conversationId");
  await requireConversationAccess(db, requireActor(actor), conversationId);
  const contact = await loadContact(db, conversationId);
  if (!contact) throw new UserError("not_found", "This conversation does not exist.");
  return contact;
}

export type ContactChange = { contact: ContactPanel; contactId: number; groupIds: number[] };

/** Edit the display name and note of the contact of a conversation the actor may see. */
export async function updateContactAs(db: Db, actor: Actor | null | undefined, input: UpdateContactInput): Promise<ContactChange> {
  const me = requireActor(actor);
  const { conversationId, displayName, note } = parseInput(updateContactInput, input);
  const conversation = await requireConversationAccess(db, me, conversationId);
  const contactId = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: contacts.id, displayName: contacts.displayName, note: contacts.note })
      .from(contacts)
      .innerJoin(conversations, eq(conversations.contactId, contacts.id))
      .where(eq(conversations.id, conversationId))
      .for("update", { of: contacts });
    if (!row) throw new UserError("not_found", "This conversation does not exist.");
    const after = { displayName: displayName === undefined ? row.displayName : displayName, note: note === undefined ? row.note : note };
    const changes = changedFields(row, { ...row, ...after }, ["displayName", "note"]);
    if (Object.keys(changes).length > 0) {
      await tx.update(contacts).set({ ...after, updatedAt: sql`now()` }).where(eq(contacts.id, row.id));
      await recordAudit(tx, { actorId: me.id, entity: "contact", entityId: row.id, groupId: conversation.groupId, action: "update", changes });
    }
    return row.id;
  });
  const groups = await db.selectDistinct({ groupId: conversations.groupId }).from(conversations).where(eq(conversations.contactId, contactId));
  return { contact: (await loadContact(db, conversationId))!, contactId, groupIds: groups.map((g) => g.groupId) };
}
