-- fila_record_status: its current definition, last applied by 0004_reports_triggers.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
CREATE OR REPLACE FUNCTION "fila_record_status"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "agent_status_history" ("user_id", "status", "source", "changed_at")
  VALUES (NEW."id", NEW."status", coalesce(nullif(current_setting('fila.status_source', true), ''), 'system'), clock_timestamp());
  RETURN NULL;
END $$;
