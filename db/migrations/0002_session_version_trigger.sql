-- Sessions end when what they were issued for changes: a new password, another role,
-- deactivation (and so a reactivation never brings an old cookie back). Every session
-- carries the version it was issued under and is checked against this column.
CREATE OR REPLACE FUNCTION users_bump_session_version() RETURNS trigger AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash
     OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.active IS DISTINCT FROM OLD.active THEN
    NEW.session_version := OLD.session_version + 1;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER users_bump_session_version
  BEFORE UPDATE OF password_hash, role, active ON users
  FOR EACH ROW EXECUTE FUNCTION users_bump_session_version();
