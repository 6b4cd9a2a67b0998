-- fila_webhook_message_created: its current definition, last applied by 0020_webhook_triggers_idle_when_unsubscribed.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
CREATE OR REPLACE FUNCTION fila_webhook_message_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.active AND 'message.created' = ANY (e.events)) THEN
    PERFORM fila_enqueue_webhook('message.created', jsonb_build_object(
      'messageId', NEW.id, 'conversationId', NEW.conversation_id,
      'groupId', (SELECT c.group_id FROM conversations c WHERE c.id = NEW.conversation_id),
      'direction', NEW.direction, 'type', NEW.type, 'body', NEW.body, 'authorType', NEW.author_type,
      'authorUserId', NEW.author_user_id, 'status', NEW.status, 'createdAt', NEW.created_at));
  END IF;
  RETURN NULL;
END $$;
