-- Every change that takes power away from a signed-in person, or changes who they are, is
-- announced on the channel aixin_auth (the payload: the person's id, or * for everyone), so
-- that every server process drops what it remembers of them (modules/accounts/auth-cache.ts).
CREATE FUNCTION aixin_auth_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'organizations' THEN
    PERFORM pg_notify('aixin_auth', '*');
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('aixin_auth', NEW.id::text);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('aixin_auth', OLD.user_id::text);
  ELSE
    PERFORM pg_notify('aixin_auth', NEW.user_id::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_auth_notify AFTER UPDATE OF revoked_at ON sessions
  FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at) EXECUTE FUNCTION aixin_auth_notify();
--> statement-breakpoint
CREATE TRIGGER grants_auth_notify AFTER INSERT OR UPDATE OR DELETE ON grants
  FOR EACH ROW EXECUTE FUNCTION aixin_auth_notify();
--> statement-breakpoint
CREATE TRIGGER users_auth_notify AFTER UPDATE OF name, region_code, status ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.region_code IS DISTINCT FROM NEW.region_code OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION aixin_auth_notify();
--> statement-breakpoint
CREATE TRIGGER organizations_auth_notify AFTER UPDATE OF status ON organizations
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION aixin_auth_notify();
