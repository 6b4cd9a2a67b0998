-- Reports at a million conversations (issue 13, npm run bench:reports).

-- The CSV lists a period's conversations by (created_at, id): with the id in the key the
-- index hands them over in that order, so PostgreSQL streams them without sorting the period.
DROP INDEX IF EXISTS "conversations_created_idx";--> statement-breakpoint
CREATE INDEX "conversations_created_idx" ON "conversations" ("created_at", "id") INCLUDE ("group_id", "assignee_id");--> statement-breakpoint

-- Assigned by kind reads only the events with an assignee (not the requeues and closes,
-- about half of all events), fairness only the automatic ones.
DROP INDEX IF EXISTS "assignment_events_created_idx";--> statement-breakpoint
CREATE INDEX "assignment_events_assigned_idx" ON "assignment_events" ("created_at") INCLUDE ("kind", "group_id", "to_user_id") WHERE "to_user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "assignment_events_auto_idx" ON "assignment_events" ("created_at") INCLUDE ("group_id", "to_user_id") WHERE "kind" = 'auto';
