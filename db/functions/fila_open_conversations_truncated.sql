-- fila_open_conversations_truncated: its current definition, last applied by 0021_open_conversations_on_truncate.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
CREATE OR REPLACE FUNCTION fila_open_conversations_truncated() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET open_conversations = 0 WHERE open_conversations <> 0;
  RETURN NULL;
END $$;
