ALTER TABLE "channel_groups" ADD COLUMN "allow_take_beyond_cap" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_groups" ADD COLUMN "reassign_away_after_minutes" integer;--> statement-breakpoint
ALTER TABLE "channel_groups" ADD COLUMN "reassign_no_reply_after_minutes" integer;--> statement-breakpoint
ALTER TABLE "channel_groups" ADD COLUMN "sticky_to_last_agent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "max_open" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "away_since" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "conversations_contact_group_idx" ON "conversations" USING btree ("contact_id","group_id","id");--> statement-breakpoint
ALTER TABLE "channel_groups" ADD CONSTRAINT "channel_groups_away_minutes" CHECK ("channel_groups"."reassign_away_after_minutes" IS NULL OR "channel_groups"."reassign_away_after_minutes" BETWEEN 1 AND 1440);--> statement-breakpoint
ALTER TABLE "channel_groups" ADD CONSTRAINT "channel_groups_no_reply_minutes" CHECK ("channel_groups"."reassign_no_reply_after_minutes" IS NULL OR "channel_groups"."reassign_no_reply_after_minutes" BETWEEN 1 AND 1440);--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_cap_positive" CHECK ("group_members"."max_open" IS NULL OR "group_members"."max_open" > 0);--> statement-breakpoint
UPDATE "users" SET "away_since" = now() WHERE "status" <> 'online';