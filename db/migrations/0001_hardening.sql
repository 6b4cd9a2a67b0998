CREATE TYPE "public"."welcome_state" AS ENUM('pending', 'sending', 'sent', 'failed', 'skipped');--> statement-breakpoint
CREATE TABLE "welcome_outbox" (
	"conversation_id" integer PRIMARY KEY NOT NULL,
	"state" "welcome_state" DEFAULT 'pending' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"message_id" bigint,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "body_sha256" text;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "remote_addr" text;--> statement-breakpoint
ALTER TABLE "welcome_outbox" ADD CONSTRAINT "welcome_outbox_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "welcome_outbox_due_idx" ON "welcome_outbox" USING btree ("next_attempt_at") WHERE "welcome_outbox"."state" IN ('pending', 'sending', 'failed');--> statement-breakpoint
CREATE INDEX "webhook_events_rejected_addr_idx" ON "webhook_events" USING btree ("remote_addr","received_at") WHERE "webhook_events"."outcome" = 'rejected';--> statement-breakpoint
CREATE INDEX "webhook_events_received_idx" ON "webhook_events" USING btree ("received_at");