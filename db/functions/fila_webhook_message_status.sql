-- fila_webhook_message_status: its current definition, last applied by 0020_webhook_triggers_idle_when_unsubscribed.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
CREATE OR REPLACE FUNCTION fila_webhook_message_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.active AND 'message.status' = ANY (e.events)) THEN
    PERFORM fila_enqueue_webhook('message.status', jsonb_build_object(
      'messageId', NEW.id, 'conversationId', NEW.conversation_id, 'status', NEW.status, 'waMessageId', NEW.wa_message_id));
  END IF;
  RETURN NULL;
END $$;
