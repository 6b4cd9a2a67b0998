-- Policies counted (docs/behaviour.md#reports): the summary counts a period's requeues by
-- why, for all groups too; requeues are a small part of the assignment events, and have
-- no assignee, so no other index of the events by time holds them.
CREATE INDEX IF NOT EXISTS "assignment_events_requeue_idx" ON "assignment_events" ("created_at") INCLUDE ("group_id", "from_user_id") WHERE "kind" = 'requeue';
