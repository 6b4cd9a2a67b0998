-- fila_assignment_event_rollup: its current definition, last applied by 0010_reports_perf.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
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
