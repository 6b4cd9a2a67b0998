CREATE TYPE "public"."webhook_item_state" AS ENUM('parked', 'applied', 'invalid', 'ignored', 'expired');--> statement-breakpoint
CREATE TABLE "webhook_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"webhook_event_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"item_key" text NOT NULL,
	"reason" text NOT NULL,
	"detail" text NOT NULL,
	"state" "webhook_item_state" NOT NULL,
	"phone_number_id" text,
	"wa_message_id" text,
	"item" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_tried_at" timestamp with time zone,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "contacts" ALTER COLUMN "wa_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "token_invalid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "token_error" jsonb;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "user_id" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "username" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "window_closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_items" ADD CONSTRAINT "webhook_items_webhook_event_id_webhook_events_id_fk" FOREIGN KEY ("webhook_event_id") REFERENCES "public"."webhook_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_items_key" ON "webhook_items" USING btree ("kind","item_key");--> statement-breakpoint
CREATE INDEX "webhook_items_parked_idx" ON "webhook_items" USING btree ("created_at") WHERE "webhook_items"."state" = 'parked';--> statement-breakpoint
CREATE INDEX "webhook_items_wa_message_idx" ON "webhook_items" USING btree ("wa_message_id") WHERE "webhook_items"."state" = 'parked';--> statement-breakpoint
CREATE INDEX "webhook_items_phone_number_idx" ON "webhook_items" USING btree ("phone_number_id") WHERE "webhook_items"."state" = 'parked';--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_user_id_key" ON "contacts" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_identified" CHECK ("contacts"."wa_id" IS NOT NULL OR "contacts"."user_id" IS NOT NULL);