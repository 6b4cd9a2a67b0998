CREATE TYPE "public"."outbox_kind" AS ENUM('welcome', 'menu', 'menu_again', 'out_of_hours');--> statement-breakpoint
ALTER TYPE "public"."assignment_kind" ADD VALUE 'route';--> statement-breakpoint
ALTER TYPE "public"."conversation_status" ADD VALUE 'routing';--> statement-breakpoint
ALTER TABLE "welcome_outbox" ADD COLUMN "kind" "outbox_kind" DEFAULT 'welcome' NOT NULL;--> statement-breakpoint
ALTER TABLE "welcome_outbox" DROP CONSTRAINT "welcome_outbox_pkey";--> statement-breakpoint
ALTER TABLE "welcome_outbox" ADD CONSTRAINT "welcome_outbox_conversation_id_kind_pk" PRIMARY KEY("conversation_id","kind");--> statement-breakpoint
ALTER TABLE "channel_groups" ADD COLUMN "business_hours" jsonb;--> statement-breakpoint
ALTER TABLE "channel_groups" ADD COLUMN "out_of_hours_message" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "menu" jsonb;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "routing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "routing_misses" integer DEFAULT 0 NOT NULL;
