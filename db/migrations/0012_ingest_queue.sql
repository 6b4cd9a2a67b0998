ALTER TABLE "webhook_events" ADD COLUMN "order_key" text;--> statement-breakpoint
CREATE INDEX "webhook_events_queue_idx" ON "webhook_events" USING btree ("id") WHERE "webhook_events"."outcome" IN ('received', 'failed');--> statement-breakpoint
CREATE INDEX "webhook_events_order_key_idx" ON "webhook_events" USING btree ("order_key","id") WHERE "webhook_events"."outcome" IN ('received', 'failed');