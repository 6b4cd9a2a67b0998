-- Reports at a million conversations (issue 13, npm run bench:reports).

-- The CSV lists a period's conversations by (created_at, id): with the id in the key the
-- index hands them over in that order, so PostgreSQL streams them without sorting the period.
DROP INDEX IF EXISTS "conversations_created_idx";--> statement-breakpoint
CREATE INDEX "conversations_created_idx" ON "conversations" ("created_at", "id") INCLUDE ("group_id", "assignee_id");--> statement-breakpoint

-- Assigned by kind reads only the events with an assignee (not the requeues and closes,
-- about half of all events), fairness only the automatic ones.
DROP INDEX IF EXISTS "assignment_events_created_idx";--> statement-breakpoint
CREATE INDEX "assignment_events_assigned_idx" ON "assignment_events" ("created_at") INCLUDE ("kind", "group_id", "to_user_id") WHERE "to_user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "assignment_events_auto_idx" ON "assignment_events" ("created_at") INCLUDE ("group_id", "to_user_id") WHERE "kind" = 'auto';
--> statement-breakpoint

-- A late event (recorded after events that happened after it) is placed in time: it ends
-- the span it falls in at its own time, and the assignee it names holds the conversation
-- until the next event of the conversation. (Before, it ended the open span at an earlier
-- time than that span's start — an empty range the GiST index refused, so the event was
-- lost.) For events in order this is what it always was: the open span ends, a new one opens.
CREATE OR REPLACE FUNCTION "fila_assignment_event_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  next_at timestamptz;
BEGIN
  SELECT min("created_at") INTO next_at FROM "assignment_events"
   WHERE "conversation_id" = NEW."conversation_id" AND "created_at" > NEW."created_at" AND "id" <> NEW."id";
  UPDATE "assignment_spans" SET "ended_at" = NEW."created_at"
   WHERE "conversation_id" = NEW."conversation_id" AND "started_at" <= NEW."created_at"
     AND ("ended_at" IS NULL OR "ended_at" > NEW."created_at");
  IF NEW."to_user_id" IS NOT NULL THEN
    INSERT INTO "assignment_spans" ("conversation_id", "group_id", "user_id", "started_at", "ended_at")
    VALUES (NEW."conversation_id", NEW."group_id", NEW."to_user_id", NEW."created_at", next_at);
    UPDATE "conversations" SET "first_assigned_at" = NEW."created_at", "first_assignment_kind" = NEW."kind"
     WHERE "id" = NEW."conversation_id" AND ("first_assigned_at" IS NULL OR "first_assigned_at" > NEW."created_at");
  END IF;
  IF NEW."kind" = 'transfer' THEN
    UPDATE "conversations" SET "transfer_count" = "transfer_count" + 1 WHERE "id" = NEW."conversation_id";
  END IF;
  RETURN NULL;
END $$;
