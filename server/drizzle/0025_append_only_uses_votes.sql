-- A partner's logged benefit uses and the public's award votes are history: appended, never changed
-- or removed (aixin_refuse_change() is from 0001); `aixin db grant-runtime` also closes them to UPDATE
-- and DELETE at the privilege level, as it does for every table with this trigger.
CREATE TRIGGER partner_benefit_uses_append_only BEFORE UPDATE OR DELETE ON partner_benefit_uses
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER partner_benefit_uses_no_truncate BEFORE TRUNCATE ON partner_benefit_uses
  FOR EACH STATEMENT EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER award_votes_append_only BEFORE UPDATE OR DELETE ON award_votes
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER award_votes_no_truncate BEFORE TRUNCATE ON award_votes
  FOR EACH STATEMENT EXECUTE FUNCTION aixin_refuse_change();
