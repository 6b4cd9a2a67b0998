CREATE TYPE "public"."api_token_revoked_reason" AS ENUM('revoked', 'password_changed', 'signed_out_everywhere', 'deactivated');--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "revoked_reason" "api_token_revoked_reason";--> statement-breakpoint
-- Tokens revoked before reasons were kept were revoked by hand.
UPDATE "api_tokens" SET "revoked_reason" = 'revoked' WHERE "revoked_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_revoked_reason" CHECK (("api_tokens"."revoked_at" IS NULL) = ("api_tokens"."revoked_reason" IS NULL));--> statement-breakpoint
-- Issue 25 item 2: a password change, "sign out everywhere" or deactivation revokes the
-- user's API tokens in the same transaction, whatever code path made the change.
CREATE OR REPLACE FUNCTION fila_revoke_api_tokens() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  why api_token_revoked_reason := CASE
    WHEN OLD.active AND NOT NEW.active THEN 'deactivated'
    WHEN NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN 'password_changed'
    WHEN NEW.role IS NOT DISTINCT FROM OLD.role AND NEW.active IS NOT DISTINCT FROM OLD.active THEN 'signed_out_everywhere'
  END;
BEGIN
  IF why IS NOT NULL THEN
    UPDATE api_tokens SET revoked_at = now(), revoked_reason = why WHERE user_id = NEW.id AND revoked_at IS NULL;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_revoke_api_tokens AFTER UPDATE OF active, password_hash, session_version ON users
  FOR EACH ROW WHEN (OLD.session_version IS DISTINCT FROM NEW.session_version) EXECUTE FUNCTION fila_revoke_api_tokens();
--> statement-breakpoint
-- Issue 25 item 9: a private note goes out as note.created, never as message.created.
CREATE OR REPLACE FUNCTION fila_webhook_message_created() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- A private note is for the team: only endpoints that asked for notes receive it.
  ev text := CASE WHEN NEW.direction = 'internal' THEN 'note.created' ELSE 'message.created' END;
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.active AND ev = ANY (e.events)) THEN
    PERFORM fila_enqueue_webhook(ev, jsonb_build_object(
      'messageId', NEW.id, 'conversationId', NEW.conversation_id,
      'groupId', (SELECT c.group_id FROM conversations c WHERE c.id = NEW.conversation_id),
      'direction', NEW.direction, 'type', NEW.type, 'body', NEW.body, 'authorType', NEW.author_type,
      'authorUserId', NEW.author_user_id, 'status', NEW.status, 'createdAt', NEW.created_at));
  END IF;
  RETURN NULL;
END $$;
