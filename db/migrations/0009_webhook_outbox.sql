-- Outgoing webhooks (SPEC §10): each change writes its deliveries to the outbox in its
-- own transaction, by trigger, so no code path can change a conversation or a message
-- without its event (and a rolled-back change leaves none). One row per subscribed endpoint.
CREATE OR REPLACE FUNCTION fila_enqueue_webhook(ev text, data jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO webhook_deliveries (delivery_id, endpoint_id, event, payload)
  SELECT s.u, s.id, ev,
         jsonb_build_object('id', s.u, 'event', ev,
                            'createdAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                            'data', data)
    FROM (SELECT gen_random_uuid() AS u, e.id FROM webhook_endpoints e WHERE e.active AND ev = ANY (e.events)) s
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fila_webhook_conversation_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fila_enqueue_webhook('conversation.created', jsonb_build_object(
    'conversationId', NEW.id, 'groupId', NEW.group_id, 'channelId', NEW.channel_id, 'contactId', NEW.contact_id, 'status', NEW.status));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER webhook_conversation_created AFTER INSERT ON conversations
  FOR EACH ROW EXECUTE FUNCTION fila_webhook_conversation_created();
--> statement-breakpoint
-- Every change of assignee writes an assignment event (SPEC §2): closing is
-- conversation.closed, anything else conversation.assigned (toUserId null: back to the queue).
CREATE OR REPLACE FUNCTION fila_webhook_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
CREATE TRIGGER webhook_assignment AFTER INSERT ON assignment_events
  FOR EACH ROW EXECUTE FUNCTION fila_webhook_assignment();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fila_webhook_message_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fila_enqueue_webhook('message.created', jsonb_build_object(
    'messageId', NEW.id, 'conversationId', NEW.conversation_id,
    'groupId', (SELECT c.group_id FROM conversations c WHERE c.id = NEW.conversation_id),
    'direction', NEW.direction, 'type', NEW.type, 'body', NEW.body, 'authorType', NEW.author_type,
    'authorUserId', NEW.author_user_id, 'status', NEW.status, 'createdAt', NEW.created_at));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER webhook_message_created AFTER INSERT ON messages
  FOR EACH ROW EXECUTE FUNCTION fila_webhook_message_created();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fila_webhook_message_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fila_enqueue_webhook('message.status', jsonb_build_object(
    'messageId', NEW.id, 'conversationId', NEW.conversation_id, 'status', NEW.status, 'waMessageId', NEW.wa_message_id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER webhook_message_status AFTER UPDATE OF status ON messages
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION fila_webhook_message_status();
