-- Attendance, service records and ledger transfers partitioned by year (issue 17, docs/SCALING.md).
--
-- The partition key is a UUIDv7 (48-bit Unix milliseconds first, compared bytewise), so the
-- bounds of a year are the smallest v7 ids of 1 January 00:00 China time. Transfers and records
-- are split by their own id (the year they entered the books); attendance by its activity's id,
-- so that the check-in's unique key (activity, person) contains the partition key and an
-- activity's attendance stays in one partition. Keys that must be unique across years and do not
-- contain the partition key move to side tables written by triggers.
--
-- Written by hand (drizzle-kit cannot express partitioning); the snapshot holds the end state.

-- ——— helpers ———
CREATE OR REPLACE FUNCTION aixin_uuid7_floor(ts timestamptz) RETURNS uuid
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT (lpad(to_hex(floor(extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '00000000000000000000')::uuid
$$;--> statement-breakpoint
-- The China year in which a UUIDv7 was minted; null for an id of another version.
CREATE OR REPLACE FUNCTION aixin_uuid7_year(id uuid) RETURNS int
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE WHEN substr(id::text, 15, 1) = '7' THEN
    extract(year FROM (to_timestamp((('x' || translate(left(id::text, 13), '-', ''))::bit(48)::bigint) / 1000.0) AT TIME ZONE 'UTC') + interval '8 hours')::int
  END
$$;--> statement-breakpoint
-- The year's partition of each partitioned table, made if missing (by the owner: at every
-- migration the current year and the next two; `aixin ledger archive` removes old ones).
CREATE OR REPLACE FUNCTION aixin_year_partitions(y int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  lo uuid := aixin_uuid7_floor(make_date(y, 1, 1)::timestamp AT TIME ZONE 'UTC' - interval '8 hours');
  hi uuid := aixin_uuid7_floor(make_date(y + 1, 1, 1)::timestamp AT TIME ZONE 'UTC' - interval '8 hours');
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['attendance', 'service_records', 'ledger_transfers'] LOOP
    IF to_regclass(format('public.%I', t || '_y' || y)) IS NULL THEN
      EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES FROM (%L) TO (%L)', t || '_y' || y, t, lo, hi);
    END IF;
  END LOOP;
END;
$$;--> statement-breakpoint

-- ——— the old tables step aside (their indexes renamed so the new ones can take the names) ———
ALTER TABLE "attendance" RENAME TO "attendance_old";--> statement-breakpoint
ALTER INDEX "attendance_pkey" RENAME TO "attendance_old_pkey";--> statement-breakpoint
ALTER INDEX "attendance_activity_user_uq" RENAME TO "attendance_old_activity_user_uq";--> statement-breakpoint
ALTER INDEX "attendance_open_idx" RENAME TO "attendance_old_open_idx";--> statement-breakpoint
ALTER TABLE "service_records" RENAME TO "service_records_old";--> statement-breakpoint
ALTER INDEX "service_records_pkey" RENAME TO "service_records_old_pkey";--> statement-breakpoint
ALTER INDEX "service_records_volunteer_idx" RENAME TO "service_records_old_volunteer_idx";--> statement-breakpoint
ALTER INDEX "service_records_org_idx" RENAME TO "service_records_old_org_idx";--> statement-breakpoint
ALTER INDEX "service_records_city_idx" RENAME TO "service_records_old_city_idx";--> statement-breakpoint
ALTER INDEX "service_records_pending_idx" RENAME TO "service_records_old_pending_idx";--> statement-breakpoint
ALTER TABLE "ledger_transfers" RENAME TO "ledger_transfers_old";--> statement-breakpoint
ALTER INDEX "ledger_transfers_pkey" RENAME TO "ledger_transfers_old_pkey";--> statement-breakpoint
ALTER INDEX "ledger_transfers_idem_uq" RENAME TO "ledger_transfers_old_idem_uq";--> statement-breakpoint
ALTER INDEX "ledger_transfers_pending_uq" RENAME TO "ledger_transfers_old_pending_uq";--> statement-breakpoint
ALTER INDEX "ledger_transfers_reverses_uq" RENAME TO "ledger_transfers_old_reverses_uq";--> statement-breakpoint
ALTER INDEX "ledger_transfers_debit_idx" RENAME TO "ledger_transfers_old_debit_idx";--> statement-breakpoint
ALTER INDEX "ledger_transfers_credit_idx" RENAME TO "ledger_transfers_old_credit_idx";--> statement-breakpoint
ALTER INDEX "ledger_transfers_object_idx" RENAME TO "ledger_transfers_old_object_idx";--> statement-breakpoint

-- ——— the partitioned tables: the same columns, defaults and CHECKs ———
CREATE TABLE "attendance" (LIKE "attendance_old" INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE ("activity_id");--> statement-breakpoint
CREATE TABLE "service_records" (LIKE "service_records_old" INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE ("id");--> statement-breakpoint
CREATE TABLE "ledger_transfers" (LIKE "ledger_transfers_old" INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE ("id");--> statement-breakpoint
-- A year for every year the rows were minted in (2015 at the earliest), through the next two
-- years; ids of another UUID version (none are written by the application) go to DEFAULT.
DO $$
DECLARE
  first_year int := greatest(2015, least(
    coalesce((SELECT min(aixin_uuid7_year(activity_id)) FROM attendance_old), 9999),
    coalesce((SELECT min(aixin_uuid7_year(id)) FROM service_records_old), 9999),
    coalesce((SELECT min(aixin_uuid7_year(id)) FROM ledger_transfers_old), 9999),
    extract(year FROM now() AT TIME ZONE 'UTC' + interval '8 hours')::int));
  last_year int := extract(year FROM now() AT TIME ZONE 'UTC' + interval '8 hours')::int + 2;
BEGIN
  FOR y IN first_year..last_year LOOP
    PERFORM aixin_year_partitions(y);
  END LOOP;
END;
$$;--> statement-breakpoint
CREATE TABLE "attendance_default" PARTITION OF "attendance" DEFAULT;--> statement-breakpoint
CREATE TABLE "service_records_default" PARTITION OF "service_records" DEFAULT;--> statement-breakpoint
CREATE TABLE "ledger_transfers_default" PARTITION OF "ledger_transfers" DEFAULT;--> statement-breakpoint

-- ——— the rows move (no trigger on the new tables yet: nothing is queued or keyed twice) ———
INSERT INTO "attendance" SELECT * FROM "attendance_old";--> statement-breakpoint
INSERT INTO "service_records" SELECT * FROM "service_records_old";--> statement-breakpoint
INSERT INTO "ledger_transfers" SELECT * FROM "ledger_transfers_old";--> statement-breakpoint

-- ——— keys, unique across years ———
CREATE TABLE "ledger_transfer_keys" (
	"idempotency_key" varchar(200) NOT NULL,
	"transfer_id" uuid NOT NULL,
	"city_code" char(4) NOT NULL,
	CONSTRAINT "ledger_transfers_idem_uq" PRIMARY KEY("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "ledger_transfer_resolutions" (
	"pending_id" uuid NOT NULL,
	"transfer_id" uuid NOT NULL,
	"city_code" char(4) NOT NULL,
	CONSTRAINT "ledger_transfers_pending_uq" PRIMARY KEY("pending_id")
);
--> statement-breakpoint
CREATE TABLE "ledger_transfer_reversals" (
	"reverses_id" uuid NOT NULL,
	"transfer_id" uuid NOT NULL,
	"city_code" char(4) NOT NULL,
	CONSTRAINT "ledger_transfers_reverses_uq" PRIMARY KEY("reverses_id")
);
--> statement-breakpoint
CREATE TABLE "service_record_once" (
	"kind" varchar(12) NOT NULL,
	"subject_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"city_code" char(4) NOT NULL,
	CONSTRAINT "service_record_once_pkey" PRIMARY KEY("kind","subject_id","volunteer_id")
);
--> statement-breakpoint
CREATE TABLE "service_record_reversals" (
	"reverses_id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"city_code" char(4) NOT NULL
);
--> statement-breakpoint
INSERT INTO "ledger_transfer_keys" SELECT "idempotency_key", "id", "city_code" FROM "ledger_transfers_old" WHERE "idempotency_key" IS NOT NULL;--> statement-breakpoint
INSERT INTO "ledger_transfer_resolutions" SELECT "pending_id", "id", "city_code" FROM "ledger_transfers_old" WHERE "pending_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "ledger_transfer_reversals" SELECT "reverses_id", "id", "city_code" FROM "ledger_transfers_old" WHERE "reverses_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "service_record_once" SELECT "kind", "activity_id", "volunteer_id", "id", "city_code" FROM "service_records_old" WHERE "kind" = 'activity' AND "activity_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "service_record_once" SELECT "kind", "request_id", "volunteer_id", "id", "city_code" FROM "service_records_old" WHERE "kind" = 'request' AND "request_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "service_record_reversals" SELECT "reverses_id", "id", "city_code" FROM "service_records_old" WHERE "reverses_id" IS NOT NULL;--> statement-breakpoint

DROP TABLE "attendance_old";--> statement-breakpoint
DROP TABLE "service_records_old";--> statement-breakpoint
DROP TABLE "ledger_transfers_old";--> statement-breakpoint

-- ——— indexes on the partitioned tables (made on every partition) ———
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_pkey" PRIMARY KEY("id","activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_activity_user_uq" ON "attendance" USING btree ("activity_id","user_id");--> statement-breakpoint
CREATE INDEX "attendance_open_idx" ON "attendance" USING btree ("activity_id") WHERE "checkout_at" is null;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_pkey" PRIMARY KEY("id");--> statement-breakpoint
CREATE INDEX "service_records_activity_idx" ON "service_records" USING btree ("activity_id","volunteer_id") WHERE "kind" = 'activity';--> statement-breakpoint
CREATE INDEX "service_records_volunteer_idx" ON "service_records" USING btree ("volunteer_id","started_at");--> statement-breakpoint
CREATE INDEX "service_records_org_idx" ON "service_records" USING btree ("org_id","started_at");--> statement-breakpoint
CREATE INDEX "service_records_city_idx" ON "service_records" USING btree ("city_code","started_at");--> statement-breakpoint
CREATE INDEX "service_records_pending_idx" ON "service_records" USING btree ("org_id","created_at") WHERE "status" = 'pending_approval';--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD CONSTRAINT "ledger_transfers_pkey" PRIMARY KEY("id");--> statement-breakpoint
CREATE INDEX "ledger_transfers_debit_idx" ON "ledger_transfers" USING btree ("debit_account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ledger_transfers_credit_idx" ON "ledger_transfers" USING btree ("credit_account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ledger_transfers_object_idx" ON "ledger_transfers" USING btree ("object_type","object_id");--> statement-breakpoint

-- ——— triggers ———
-- transfers: immutable (as 0003), queued for their chain (as 0013), and keyed across years
CREATE TRIGGER ledger_transfers_append_only BEFORE UPDATE OR DELETE ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_transfers_no_truncate BEFORE TRUNCATE ON ledger_transfers
  FOR EACH STATEMENT EXECUTE FUNCTION aixin_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_transfers_written AFTER INSERT ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION aixin_ledger_transfer_written();--> statement-breakpoint
-- A second idempotency key, resolution or reversal fails with the name of the unique index it
-- replaces (the engine retries on it and finds the winner).
CREATE OR REPLACE FUNCTION aixin_ledger_transfer_keys() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.idempotency_key IS NOT NULL THEN
    INSERT INTO ledger_transfer_keys (idempotency_key, transfer_id, city_code) VALUES (NEW.idempotency_key, NEW.id, NEW.city_code);
  END IF;
  IF NEW.pending_id IS NOT NULL THEN
    INSERT INTO ledger_transfer_resolutions (pending_id, transfer_id, city_code) VALUES (NEW.pending_id, NEW.id, NEW.city_code);
  END IF;
  IF NEW.reverses_id IS NOT NULL THEN
    INSERT INTO ledger_transfer_reversals (reverses_id, transfer_id, city_code) VALUES (NEW.reverses_id, NEW.id, NEW.city_code);
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER ledger_transfers_keys AFTER INSERT ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION aixin_ledger_transfer_keys();--> statement-breakpoint
CREATE TRIGGER ledger_transfer_keys_append_only BEFORE UPDATE OR DELETE ON ledger_transfer_keys
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_transfer_resolutions_append_only BEFORE UPDATE OR DELETE ON ledger_transfer_resolutions
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_transfer_reversals_append_only BEFORE UPDATE OR DELETE ON ledger_transfer_reversals
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();--> statement-breakpoint
-- records: one per (activity, volunteer) and (request, volunteer), one reversal per record. A
-- duplicate is skipped (the row is not written), as the unique indexes' ON CONFLICT DO NOTHING did.
CREATE OR REPLACE FUNCTION aixin_service_record_once() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  subject uuid := CASE NEW.kind WHEN 'activity' THEN NEW.activity_id WHEN 'request' THEN NEW.request_id END;
BEGIN
  IF subject IS NOT NULL THEN
    INSERT INTO service_record_once (kind, subject_id, volunteer_id, record_id, city_code)
      VALUES (NEW.kind, subject, NEW.volunteer_id, NEW.id, NEW.city_code) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN RETURN NULL; END IF;
  END IF;
  IF NEW.reverses_id IS NOT NULL THEN
    INSERT INTO service_record_reversals (reverses_id, record_id, city_code) VALUES (NEW.reverses_id, NEW.id, NEW.city_code) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      IF subject IS NOT NULL THEN DELETE FROM service_record_once WHERE kind = NEW.kind AND subject_id = subject AND volunteer_id = NEW.volunteer_id; END IF;
      RETURN NULL;
    END IF;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER service_records_once BEFORE INSERT ON service_records
  FOR EACH ROW EXECUTE FUNCTION aixin_service_record_once();--> statement-breakpoint
-- the keys a record is known by never change (only its status and credit do)
CREATE OR REPLACE FUNCTION aixin_service_record_keys_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.volunteer_id <> OLD.volunteer_id
     OR NEW.activity_id IS DISTINCT FROM OLD.activity_id OR NEW.request_id IS DISTINCT FROM OLD.request_id
     OR NEW.reverses_id IS DISTINCT FROM OLD.reverses_id THEN
    RAISE EXCEPTION 'a service record''s keys cannot change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER service_records_keys_fixed BEFORE UPDATE ON service_records
  FOR EACH ROW EXECUTE FUNCTION aixin_service_record_keys_fixed();
