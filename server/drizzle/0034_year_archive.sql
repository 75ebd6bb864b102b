CREATE TABLE "ledger_archived_chains" (
	"city_code" char(4) NOT NULL,
	"ledger" varchar(8) NOT NULL,
	"year" integer NOT NULL,
	"transfers" integer NOT NULL,
	CONSTRAINT "ledger_archived_chains_pkey" PRIMARY KEY("city_code","ledger","year")
);
--> statement-breakpoint
CREATE TABLE "ledger_archived_sums" (
	"account_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"city_code" char(4) NOT NULL,
	"debits_posted" bigint NOT NULL,
	"credits_posted" bigint NOT NULL,
	"pending_debits" bigint NOT NULL,
	"pending_credits" bigint NOT NULL,
	CONSTRAINT "ledger_archived_sums_pkey" PRIMARY KEY("account_id","year")
);
--> statement-breakpoint
CREATE TABLE "ledger_archived_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"lo" uuid NOT NULL,
	"hi" uuid NOT NULL,
	"transfers" integer NOT NULL,
	"records" integer NOT NULL,
	"attendance" integer NOT NULL,
	"file_sha256" char(64) NOT NULL,
	"file_name" text NOT NULL,
	"archived_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- What left with an archived year is the proof's baseline from then on: append-only.
CREATE TRIGGER ledger_archived_years_append_only BEFORE UPDATE OR DELETE ON ledger_archived_years
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_archived_sums_append_only BEFORE UPDATE OR DELETE ON ledger_archived_sums
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_archived_chains_append_only BEFORE UPDATE OR DELETE ON ledger_archived_chains
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();
