-- fila_conversation_due_times: its current definition, last applied by 0027_service_levels.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
-- A conversation's due times (docs/behaviour.md#service-levels) come from the targets of the group it enters:
-- on insert, and when its group changes (the entry menu routes it). Counted from created_at: the customer has waited since then.
CREATE OR REPLACE FUNCTION fila_conversation_due_times() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  first_target integer;
  resolution_target integer;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.group_id IS NOT DISTINCT FROM OLD.group_id THEN
    RETURN NEW;
  END IF;
  SELECT g.first_response_target_minutes, g.resolution_target_minutes INTO first_target, resolution_target
    FROM channel_groups g WHERE g.id = NEW.group_id;
  NEW.first_response_due_at := NEW.created_at + make_interval(mins => first_target);
  NEW.resolution_due_at := NEW.created_at + make_interval(mins => resolution_target);
  RETURN NEW;
END $$;
