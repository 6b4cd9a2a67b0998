-- fila_webhook_message_created: its current definition, last applied by 0023_token_revocation_and_note_webhooks.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
CREATE OR REPLACE FUNCTION fila_webhook_message_created() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- A private note is for the team: only endpoints that asked for notes receive it.
  ev text := CASE WHEN NEW.direction = 'internal' THEN 'note.created' ELSE 'message.created' END;
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.active AND ev = ANY (e.events)) THEN
    PERFORM fila_enqueue_webhook(ev, jsonb_build_object(
      'messageId', NEW.id, 'conversationId', NEW.conversation_id,
      'groupId', (SELECT c.group_id FROM conversations c WHERE c.id = NEW.conversation_id),
      'direction', NEW.direction, 'type', NEW.type, 'body', NEW.body, 'authorType', NEW.author_type,
      'authorUserId', NEW.author_user_id, 'status', NEW.status, 'createdAt', NEW.created_at));
  END IF;
  RETURN NULL;
END $$;
