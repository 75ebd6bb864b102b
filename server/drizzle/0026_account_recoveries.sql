CREATE TABLE "account_recoveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" varchar(16) NOT NULL,
	"issued_by" uuid NOT NULL,
	"code_issued_at" timestamp with time zone NOT NULL,
	"recovered_at" timestamp with time zone NOT NULL,
	"hold_until" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "account_recoveries_user_idx" ON "account_recoveries" USING btree ("user_id","recovered_at");--> statement-breakpoint
-- A recovery is history: never removed; the only change is its one confirmation in person
-- (confirmed_by and confirmed_at set once, from null), everything else stays as written.
CREATE FUNCTION aixin_account_recovery_confirm_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'table account_recoveries keeps its rows: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.confirmed_at IS NOT NULL OR NEW.confirmed_at IS NULL OR NEW.confirmed_by IS NULL
     OR (NEW.id, NEW.city_code, NEW.user_id, NEW.kind, NEW.issued_by, NEW.code_issued_at, NEW.recovered_at, NEW.hold_until)
        IS DISTINCT FROM (OLD.id, OLD.city_code, OLD.user_id, OLD.kind, OLD.issued_by, OLD.code_issued_at, OLD.recovered_at, OLD.hold_until) THEN
    RAISE EXCEPTION 'an account recovery is only ever confirmed, once' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER account_recoveries_confirm_only BEFORE UPDATE OR DELETE ON account_recoveries
  FOR EACH ROW EXECUTE FUNCTION aixin_account_recovery_confirm_only();
--> statement-breakpoint
CREATE TRIGGER account_recoveries_no_truncate BEFORE TRUNCATE ON account_recoveries
  FOR EACH STATEMENT EXECUTE FUNCTION aixin_account_recovery_confirm_only();
