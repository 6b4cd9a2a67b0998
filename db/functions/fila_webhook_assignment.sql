-- fila_webhook_assignment: its current definition, last applied by 0020_webhook_triggers_idle_when_unsubscribed.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
CREATE OR REPLACE FUNCTION fila_webhook_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ev text := CASE WHEN NEW.kind = 'close' THEN 'conversation.closed' ELSE 'conversation.assigned' END;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.active AND ev = ANY (e.events)) THEN
    RETURN NULL;
  END IF;
  IF NEW.kind = 'close' THEN
    PERFORM fila_enqueue_webhook('conversation.closed', jsonb_build_object(
      'conversationId', NEW.conversation_id, 'groupId', NEW.group_id, 'assigneeId', NEW.from_user_id, 'actorId', NEW.actor_id));
  ELSE
    PERFORM fila_enqueue_webhook('conversation.assigned', jsonb_build_object(
      'conversationId', NEW.conversation_id, 'groupId', NEW.group_id, 'kind', NEW.kind,
      'fromUserId', NEW.from_user_id, 'toUserId', NEW.to_user_id, 'actorId', NEW.actor_id));
  END IF;
  RETURN NULL;
END $$;
