-- fila_enqueue_webhook: its current definition, last applied by 0030_webhook_rotation_and_order.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
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
