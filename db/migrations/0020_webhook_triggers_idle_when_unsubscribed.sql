-- The outgoing-webhook triggers (migration 0009) built each event's payload, and the
-- message trigger read the conversation's group, before finding that no endpoint wants
-- the event — on every new conversation, message, assignment and status, ≈0.3 ms of
-- PostgreSQL each (most installations subscribe to some events or none). Each trigger
-- now asks first, with a plan plpgsql caches; what an endpoint receives is unchanged.
CREATE OR REPLACE FUNCTION fila_webhook_conversation_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.active AND 'conversation.created' = ANY (e.events)) THEN
    PERFORM fila_enqueue_webhook('conversation.created', jsonb_build_object(
      'conversationId', NEW.id, 'groupId', NEW.group_id, 'channelId', NEW.channel_id, 'contactId', NEW.contact_id, 'status', NEW.status));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
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
--> statement-breakpoint
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
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fila_webhook_message_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.active AND 'message.status' = ANY (e.events)) THEN
    PERFORM fila_enqueue_webhook('message.status', jsonb_build_object(
      'messageId', NEW.id, 'conversationId', NEW.conversation_id, 'status', NEW.status, 'waMessageId', NEW.wa_message_id));
  END IF;
  RETURN NULL;
END $$;
