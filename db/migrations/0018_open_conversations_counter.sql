-- users.open_conversations is an agent's load (SPEC §3: open conversations assigned to
-- them, across all groups), kept exact by this trigger in the transaction that changes a
-- conversation's status or assignee. Decisions read it instead of counting: the count
-- visited every open conversation of the agent (and the dead index entries of recently
-- closed ones) once per member per decision, and again in the compare-and-set.
-- Lock order (lib/distribution/locks.ts): the users rows are updated after the
-- conversation's row, as the engine's own writes already lock them (step 3).
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
END $$;--> statement-breakpoint
CREATE TRIGGER conversations_open_count
  AFTER INSERT OR DELETE OR UPDATE OF status, assignee_id ON conversations
  FOR EACH ROW EXECUTE FUNCTION fila_open_conversations();--> statement-breakpoint
UPDATE users u SET open_conversations = (SELECT count(*) FROM conversations c WHERE c.assignee_id = u.id AND c.status = 'assigned');
