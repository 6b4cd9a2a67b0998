-- fila_revoke_api_tokens: its current definition, last applied by 0023_token_revocation_and_note_webhooks.sql.
-- To change it: edit this file, then add a migration that applies it (docs/architecture.md, "Database functions").
-- An account change that ends every session ends every API token of the user too, in the
-- same transaction, with why: deactivation, a new password, "sign out everywhere" (the
-- session version moving on by itself). A change of role does not (a token acts with the
-- user's current role), and reactivation brings nothing back.
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
