-- Reports at a million conversations (issue 27, npm run bench:reports): the three durations
-- are stored when their instant is set, by the same expression the reports computed per
-- row at read time — extract() gives a numeric, and its cast to float8 was most of a
-- summary's CPU — so the figures are the same values, read from the indexes below.
-- One ALTER: the table is rewritten once, not three times.
ALTER TABLE "conversations"
  ADD COLUMN "queue_wait_seconds" double precision GENERATED ALWAYS AS (extract(epoch FROM first_assigned_at - created_at)::float8) STORED,
  ADD COLUMN "first_response_seconds" double precision GENERATED ALWAYS AS (extract(epoch FROM first_response_at - created_at)::float8) STORED,
  ADD COLUMN "resolution_seconds" double precision GENERATED ALWAYS AS (extract(epoch FROM closed_at - created_at)::float8) STORED;--> statement-breakpoint
-- The duration figures stay index-only scans of their instant, now carrying the seconds.
DROP INDEX IF EXISTS "conversations_first_assigned_idx";--> statement-breakpoint
CREATE INDEX "conversations_first_assigned_idx" ON "conversations" ("first_assigned_at") INCLUDE ("created_at", "queue_wait_seconds", "group_id", "assignee_id") WHERE "first_assigned_at" IS NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "conversations_first_response_idx";--> statement-breakpoint
CREATE INDEX "conversations_first_response_idx" ON "conversations" ("first_response_at") INCLUDE ("created_at", "first_response_seconds", "group_id", "assignee_id") WHERE "first_response_at" IS NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "conversations_closed_idx";--> statement-breakpoint
CREATE INDEX "conversations_closed_idx" ON "conversations" ("closed_at") INCLUDE ("created_at", "resolution_seconds", "group_id", "assignee_id") WHERE "closed_at" IS NOT NULL;
