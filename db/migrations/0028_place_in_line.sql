ALTER TYPE "public"."outbox_kind" ADD VALUE 'queue_position';--> statement-breakpoint
ALTER TABLE "welcome_outbox" ADD COLUMN "step" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "welcome_outbox" ADD COLUMN "body" text;--> statement-breakpoint
ALTER TABLE "welcome_outbox" ADD COLUMN "position" integer;--> statement-breakpoint
ALTER TABLE "welcome_outbox" ADD COLUMN "minutes" integer;--> statement-breakpoint
ALTER TABLE "welcome_outbox" DROP CONSTRAINT "welcome_outbox_conversation_id_kind_pk";--> statement-breakpoint
ALTER TABLE "welcome_outbox" ADD CONSTRAINT "welcome_outbox_conversation_id_kind_step_pk" PRIMARY KEY("conversation_id","kind","step");
