CREATE TYPE "public"."conversation_priority" AS ENUM('urgent', 'high', 'normal', 'low');--> statement-breakpoint
DROP INDEX "conversations_queue_idx";--> statement-breakpoint
DROP INDEX "conversations_queued_idx";--> statement-breakpoint
ALTER TABLE "channel_groups" ADD COLUMN "first_response_target_minutes" integer;--> statement-breakpoint
ALTER TABLE "channel_groups" ADD COLUMN "resolution_target_minutes" integer;--> statement-breakpoint
ALTER TABLE "channel_groups" ADD COLUMN "tell_queue_position" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_groups" ADD COLUMN "queue_position_every_minutes" integer;--> statement-breakpoint
ALTER TABLE "channel_groups" ADD COLUMN "queue_position_max_messages" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_groups" ADD COLUMN "queue_position_message_pt" text;--> statement-breakpoint
ALTER TABLE "channel_groups" ADD COLUMN "queue_position_message_en" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "priority" "conversation_priority" DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "first_response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "resolution_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "first_response_breached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "resolution_breached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "position_messages" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "position_told_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "position_told" integer;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "queue_due_at" timestamp with time zone GENERATED ALWAYS AS (coalesce(least(CASE WHEN first_response_at IS NULL THEN first_response_due_at END, resolution_due_at), 'infinity'::timestamptz)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_due_idx" ON "conversations" USING btree ("queue_due_at") WHERE "conversations"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "conversations_queue_idx" ON "conversations" USING btree ("group_id","priority","queue_due_at","queued_at","id") WHERE "conversations"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "conversations_queued_idx" ON "conversations" USING btree ("priority","queue_due_at","queued_at","id") WHERE "conversations"."status" = 'queued';--> statement-breakpoint
ALTER TABLE "channel_groups" ADD CONSTRAINT "channel_groups_first_response_target" CHECK ("channel_groups"."first_response_target_minutes" IS NULL OR "channel_groups"."first_response_target_minutes" BETWEEN 1 AND 43200);--> statement-breakpoint
ALTER TABLE "channel_groups" ADD CONSTRAINT "channel_groups_resolution_target" CHECK ("channel_groups"."resolution_target_minutes" IS NULL OR "channel_groups"."resolution_target_minutes" BETWEEN 1 AND 43200);--> statement-breakpoint
ALTER TABLE "channel_groups" ADD CONSTRAINT "channel_groups_queue_position_every" CHECK ("channel_groups"."queue_position_every_minutes" IS NULL OR "channel_groups"."queue_position_every_minutes" BETWEEN 1 AND 1440);--> statement-breakpoint
ALTER TABLE "channel_groups" ADD CONSTRAINT "channel_groups_queue_position_max" CHECK ("channel_groups"."queue_position_max_messages" BETWEEN 1 AND 20);--> statement-breakpoint
CREATE OR REPLACE FUNCTION fila_conversation_due_times() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  first_target integer;
  resolution_target integer;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.group_id IS NOT DISTINCT FROM OLD.group_id THEN
    RETURN NEW;
  END IF;
  SELECT g.first_response_target_minutes, g.resolution_target_minutes INTO first_target, resolution_target
    FROM channel_groups g WHERE g.id = NEW.group_id;
  NEW.first_response_due_at := NEW.created_at + make_interval(mins => first_target);
  NEW.resolution_due_at := NEW.created_at + make_interval(mins => resolution_target);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER conversations_due_times BEFORE INSERT OR UPDATE OF group_id ON conversations
  FOR EACH ROW EXECUTE FUNCTION fila_conversation_due_times();
