CREATE TABLE "ledger_chain_links" (
	"city_code" char(4) NOT NULL,
	"ledger" varchar(8) NOT NULL,
	"seq" bigint NOT NULL,
	"transfer_id" uuid NOT NULL,
	"prev_hash" char(64) NOT NULL,
	"hash" char(64) NOT NULL,
	"version" integer NOT NULL,
	"sealed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_chain_links_version_ck" CHECK (version in (1, 2))
);
--> statement-breakpoint
CREATE TABLE "ledger_open_pending" (
	"transfer_id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"timeout_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ledger_seal_queue" (
	"transfer_id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"ledger" varchar(8) NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_policies" DROP CONSTRAINT "ledger_policies_numbers_ck";--> statement-breakpoint
DROP INDEX "ledger_transfers_chain_uq";--> statement-breakpoint
DROP INDEX "ledger_transfers_timeout_idx";--> statement-breakpoint
ALTER TABLE "ledger_policies" ADD COLUMN "min_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_chain_links_pk" ON "ledger_chain_links" USING btree ("city_code","ledger","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_chain_links_transfer_uq" ON "ledger_chain_links" USING btree ("transfer_id");--> statement-breakpoint
CREATE INDEX "ledger_open_pending_timeout_idx" ON "ledger_open_pending" USING btree ("timeout_at");--> statement-breakpoint
CREATE INDEX "ledger_seal_queue_chain_idx" ON "ledger_seal_queue" USING btree ("city_code","ledger","created_at");--> statement-breakpoint
-- The chains written so far move, unchanged, into ledger_chain_links as version 1 links.
INSERT INTO "ledger_chain_links" ("city_code", "ledger", "seq", "transfer_id", "prev_hash", "hash", "version", "sealed_at")
  SELECT "city_code", "ledger", "seq", "id", "prev_hash", "hash", 1, "created_at" FROM "ledger_transfers";--> statement-breakpoint
-- Reservations still open (no resolution written yet).
INSERT INTO "ledger_open_pending" ("transfer_id", "city_code", "timeout_at")
  SELECT t."id", t."city_code", t."timeout_at" FROM "ledger_transfers" t
   WHERE t."status" = 'pending' AND NOT EXISTS (SELECT 1 FROM "ledger_transfers" r WHERE r."pending_id" = t."id");--> statement-breakpoint
ALTER TABLE "ledger_transfers" DROP COLUMN "seq";--> statement-breakpoint
ALTER TABLE "ledger_transfers" DROP COLUMN "prev_hash";--> statement-breakpoint
ALTER TABLE "ledger_transfers" DROP COLUMN "hash";--> statement-breakpoint
ALTER TABLE "ledger_policies" ADD CONSTRAINT "ledger_policies_numbers_ck" CHECK (points_per_hour >= 0 and daily_cap_minutes >= 0 and (storage_cap_minutes is null or storage_cap_minutes >= 0)
       and withdraw_min_age >= 0 and (family_transfer_max_per_year_minutes is null or family_transfer_max_per_year_minutes >= 0)
       and min_minutes >= 0);--> statement-breakpoint
-- Every transfer is queued for its chain in the statement that writes it; a reservation is open
-- until its resolution is written.
CREATE OR REPLACE FUNCTION aixin_ledger_transfer_written() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_seal_queue (transfer_id, city_code, ledger, created_at) VALUES (NEW.id, NEW.city_code, NEW.ledger, NEW.created_at);
  IF NEW.status = 'pending' THEN
    INSERT INTO ledger_open_pending (transfer_id, city_code, timeout_at) VALUES (NEW.id, NEW.city_code, NEW.timeout_at);
  ELSIF NEW.pending_id IS NOT NULL THEN
    DELETE FROM ledger_open_pending WHERE transfer_id = NEW.pending_id;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER ledger_transfers_written AFTER INSERT ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION aixin_ledger_transfer_written();--> statement-breakpoint
-- Links are append-only, like the transfers they chain.
CREATE TRIGGER ledger_chain_links_append_only BEFORE UPDATE OR DELETE ON ledger_chain_links
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_chain_links_no_truncate BEFORE TRUNCATE ON ledger_chain_links
  FOR EACH STATEMENT EXECUTE FUNCTION aixin_refuse_change();
