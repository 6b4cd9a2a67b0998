-- TRUNCATE fires no row triggers: emptying conversations (test resets, an operator's
-- clean-up) would leave every agent's users.open_conversations counting conversations
-- that no longer exist, and the engine would see them at their caps. With no
-- conversation left, nobody has an open one.
CREATE OR REPLACE FUNCTION fila_open_conversations_truncated() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET open_conversations = 0 WHERE open_conversations <> 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER conversations_open_count_truncated
  AFTER TRUNCATE ON conversations
  FOR EACH STATEMENT EXECUTE FUNCTION fila_open_conversations_truncated();
