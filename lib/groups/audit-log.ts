// "Who changed what" in the manager area (audit_log): one row per change, with each
// changed field's old and new value. Secrets are never written, only whether one is set.
import type { Queryable } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

/** A user or group as an audit value: its id, and its name at the time. */
export type NamedRef = { id: number; name: string };

export type AuditEntry = {
  actorId: number;
  entity: "group" | "group_member" | "channel" | "user" | "canned_reply" | "contact";
  entityId: number;
  groupId: number | null;
  action: string;
  changes: AuditChanges;
};

export async function recordAudit(db: Queryable, entry: AuditEntry) {
  await db.insert(auditLog).values(entry);
}

/** The fields whose value differs between before and after. */
export function changedFields<T extends object, K extends keyof T & string>(before: T, after: T, fields: readonly K[]): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
  }
  return changes;
}
