ALTER TABLE "webhook_deliveries" ADD COLUMN "conversation_id" integer;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "replay_of" uuid;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "previous_secret" text;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "secret_rotated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_line_idx" ON "webhook_deliveries" USING btree ("endpoint_id","conversation_id","id") WHERE "webhook_deliveries"."state" = 'pending';--> statement-breakpoint
-- Deliveries of one conversation to one endpoint go one at a time, in order: each outbox row names its conversation.
UPDATE "webhook_deliveries" SET "conversation_id" = ("payload"->'data'->>'conversationId')::int WHERE "state" = 'pending' AND "payload"->'data' ? 'conversationId';--> statement-breakpoint
CREATE OR REPLACE FUNCTION fila_enqueue_webhook(ev text, data jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO webhook_deliveries (delivery_id, endpoint_id, event, payload, request_id, conversation_id)
  SELECT s.u, s.id, ev,
         jsonb_build_object('id', s.u, 'event', ev,
                            'createdAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                            'data', data),
         nullif(current_setting('fila.request_id', true), ''),
         (data->>'conversationId')::int
    FROM (SELECT gen_random_uuid() AS u, e.id FROM webhook_endpoints e WHERE e.active AND ev = ANY (e.events)) s
$$;
