-- fila_open_conversations: its current definition, last applied by 0018_open_conversations_counter.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
CREATE OR REPLACE FUNCTION fila_open_conversations() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  was_open boolean := TG_OP <> 'INSERT' AND OLD.status = 'assigned' AND OLD.assignee_id IS NOT NULL;
  is_open boolean := TG_OP <> 'DELETE' AND NEW.status = 'assigned' AND NEW.assignee_id IS NOT NULL;
BEGIN
  IF was_open AND is_open AND OLD.assignee_id = NEW.assignee_id THEN
    RETURN NULL;
  END IF;
  IF was_open AND is_open AND OLD.assignee_id < NEW.assignee_id THEN
    -- A transfer: both rows, in ascending id (the order the engine locks them in).
    UPDATE users SET open_conversations = open_conversations - 1 WHERE id = OLD.assignee_id;
    UPDATE users SET open_conversations = open_conversations + 1 WHERE id = NEW.assignee_id;
  ELSIF was_open AND is_open THEN
    UPDATE users SET open_conversations = open_conversations + 1 WHERE id = NEW.assignee_id;
    UPDATE users SET open_conversations = open_conversations - 1 WHERE id = OLD.assignee_id;
  ELSIF was_open THEN
    UPDATE users SET open_conversations = open_conversations - 1 WHERE id = OLD.assignee_id;
  ELSIF is_open THEN
    UPDATE users SET open_conversations = open_conversations + 1 WHERE id = NEW.assignee_id;
  END IF;
  RETURN NULL;
END $$;
