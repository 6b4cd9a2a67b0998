CREATE TABLE "conversation_reads" (
	"user_id" integer NOT NULL,
	"conversation_id" integer NOT NULL,
	"last_read_message_id" bigint NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_reads_user_id_conversation_id_pk" PRIMARY KEY("user_id","conversation_id")
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "activity_at" timestamp with time zone GENERATED ALWAYS AS (coalesce(last_message_at, created_at)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_reads" ADD CONSTRAINT "conversation_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_reads" ADD CONSTRAINT "conversation_reads_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_assignee_activity_idx" ON "conversations" USING btree ("assignee_id","activity_at","id");--> statement-breakpoint
CREATE INDEX "conversations_assignee_open_activity_idx" ON "conversations" USING btree ("assignee_id","activity_at","id") WHERE "conversations"."status" = 'assigned';--> statement-breakpoint
CREATE INDEX "conversations_activity_idx" ON "conversations" USING btree ("activity_at","id");--> statement-breakpoint
CREATE INDEX "conversations_open_activity_idx" ON "conversations" USING btree ("activity_at","id") WHERE "conversations"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "conversations_group_activity_idx" ON "conversations" USING btree ("group_id","activity_at","id");--> statement-breakpoint
CREATE INDEX "conversations_queued_idx" ON "conversations" USING btree ("queued_at","id") WHERE "conversations"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "messages_inbound_idx" ON "messages" USING btree ("conversation_id","id") WHERE "messages"."direction" = 'in';