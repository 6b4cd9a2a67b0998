ALTER TABLE "webhook_deliveries" ADD COLUMN "request_id" text;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "request_id" text;--> statement-breakpoint
-- Outgoing webhooks remember the request that caused them: the transaction's fila.request_id (set by db/client.ts within a request, and by the ingest batch from its bodies' request ids).
CREATE OR REPLACE FUNCTION fila_enqueue_webhook(ev text, data jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO webhook_deliveries (delivery_id, endpoint_id, event, payload, request_id)
  SELECT s.u, s.id, ev,
         jsonb_build_object('id', s.u, 'event', ev,
                            'createdAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                            'data', data),
         nullif(current_setting('fila.request_id', true), '')
    FROM (SELECT gen_random_uuid() AS u, e.id FROM webhook_endpoints e WHERE e.active AND ev = ANY (e.events)) s
$$;
