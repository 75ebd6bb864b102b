-- The ledger's transfers are immutable: corrections are new transfers pointing at the old one.
-- aixin_refuse_change() comes from 0001_audit_append_only.
CREATE TRIGGER ledger_transfers_append_only BEFORE UPDATE OR DELETE ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_service_credits_append_only BEFORE UPDATE OR DELETE ON ledger_service_credits
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
-- TRUNCATE bypasses row triggers: refuse it too.
CREATE TRIGGER ledger_transfers_no_truncate BEFORE TRUNCATE ON ledger_transfers
  FOR EACH STATEMENT EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
-- An account's identity never changes once made; only its balance columns move.
CREATE OR REPLACE FUNCTION aixin_ledger_account_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ledger accounts are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id <> OLD.id OR NEW.ledger <> OLD.ledger OR NEW.kind <> OLD.kind
     OR NEW.owner_user_id IS DISTINCT FROM OLD.owner_user_id OR NEW.region_code IS DISTINCT FROM OLD.region_code
     OR NEW.purpose IS DISTINCT FROM OLD.purpose OR NEW.flags <> OLD.flags OR NEW.city_code <> OLD.city_code THEN
    RAISE EXCEPTION 'a ledger account''s identity cannot change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_guard BEFORE UPDATE OR DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION aixin_ledger_account_guard();
