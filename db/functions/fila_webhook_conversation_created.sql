-- fila_webhook_conversation_created: its current definition, last applied by 0020_webhook_triggers_idle_when_unsubscribed.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
CREATE OR REPLACE FUNCTION fila_webhook_conversation_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.active AND 'conversation.created' = ANY (e.events)) THEN
    PERFORM fila_enqueue_webhook('conversation.created', jsonb_build_object(
      'conversationId', NEW.id, 'groupId', NEW.group_id, 'channelId', NEW.channel_id, 'contactId', NEW.contact_id, 'status', NEW.status));
  END IF;
  RETURN NULL;
END $$;
