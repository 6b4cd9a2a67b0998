-- Reports (SPEC §7): indexes that let every figure read only its period, and the triggers
-- that keep the rollups exact in the same transaction as the change they follow.

-- Conversations by each instant a figure counts them at (index-only scans: the INCLUDE
-- columns are what the figures filter on and compute).
CREATE INDEX "conversations_created_idx" ON "conversations" ("created_at") INCLUDE ("group_id", "assignee_id");--> statement-breakpoint
CREATE INDEX "conversations_first_assigned_idx" ON "conversations" ("first_assigned_at") INCLUDE ("created_at", "group_id", "assignee_id") WHERE "first_assigned_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_first_response_idx" ON "conversations" ("first_response_at") INCLUDE ("created_at", "group_id", "assignee_id") WHERE "first_response_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_closed_idx" ON "conversations" ("closed_at") INCLUDE ("created_at", "group_id", "assignee_id") WHERE "closed_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "assignment_events_created_idx" ON "assignment_events" ("created_at") INCLUDE ("kind", "group_id", "to_user_id");--> statement-breakpoint
CREATE INDEX "assignment_spans_period_idx" ON "assignment_spans" USING gist (tstzrange("started_at", "ended_at", '[)'));--> statement-breakpoint

-- What happened before this migration.
UPDATE "conversations" c
   SET "first_assigned_at" = f."created_at", "first_assignment_kind" = f."kind"
  FROM (SELECT DISTINCT ON ("conversation_id") "conversation_id", "created_at", "kind"
          FROM "assignment_events" WHERE "to_user_id" IS NOT NULL
         ORDER BY "conversation_id", "created_at", "id") f
 WHERE f."conversation_id" = c."id";--> statement-breakpoint
UPDATE "conversations" c
   SET "transfer_count" = t."n"
  FROM (SELECT "conversation_id", count(*)::int AS "n" FROM "assignment_events" WHERE "kind" = 'transfer' GROUP BY 1) t
 WHERE t."conversation_id" = c."id";--> statement-breakpoint
INSERT INTO "assignment_spans" ("conversation_id", "group_id", "user_id", "started_at", "ended_at")
SELECT "conversation_id", "group_id", "to_user_id", "created_at", "ended_at"
  FROM (SELECT e.*, lead(e."created_at") OVER (PARTITION BY e."conversation_id" ORDER BY e."created_at", e."id") AS "ended_at"
          FROM "assignment_events" e) e
 WHERE "to_user_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "agent_status_history" ("user_id", "status", "source", "changed_at")
SELECT "id", "status", 'system', now() FROM "users";--> statement-breakpoint

-- Every assignment event: close the conversation's open span, open the new assignee's,
-- and keep the first assignment (a late event with an earlier time wins) and the transfers.
CREATE FUNCTION "fila_assignment_event_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "assignment_spans" SET "ended_at" = NEW."created_at"
   WHERE "conversation_id" = NEW."conversation_id" AND "ended_at" IS NULL;
  IF NEW."to_user_id" IS NOT NULL THEN
    INSERT INTO "assignment_spans" ("conversation_id", "group_id", "user_id", "started_at")
    VALUES (NEW."conversation_id", NEW."group_id", NEW."to_user_id", NEW."created_at");
    UPDATE "conversations" SET "first_assigned_at" = NEW."created_at", "first_assignment_kind" = NEW."kind"
     WHERE "id" = NEW."conversation_id" AND ("first_assigned_at" IS NULL OR "first_assigned_at" > NEW."created_at");
  END IF;
  IF NEW."kind" = 'transfer' THEN
    UPDATE "conversations" SET "transfer_count" = "transfer_count" + 1 WHERE "id" = NEW."conversation_id";
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "assignment_events_rollup" AFTER INSERT ON "assignment_events"
  FOR EACH ROW EXECUTE FUNCTION "fila_assignment_event_rollup"();--> statement-breakpoint

-- Every change of a user's status, whoever makes it; the source is what the transaction
-- declared with set_config('fila.status_source', …, true), else 'system'.
CREATE FUNCTION "fila_record_status"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "agent_status_history" ("user_id", "status", "source", "changed_at")
  VALUES (NEW."id", NEW."status", coalesce(nullif(current_setting('fila.status_source', true), ''), 'system'), clock_timestamp());
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "users_status_inserted" AFTER INSERT ON "users"
  FOR EACH ROW EXECUTE FUNCTION "fila_record_status"();--> statement-breakpoint
CREATE TRIGGER "users_status_changed" AFTER UPDATE OF "status" ON "users"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "fila_record_status"();
