CREATE TABLE "charity_receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"event_id" uuid NOT NULL,
	"disbursement_id" uuid NOT NULL,
	"title" varchar(100) NOT NULL,
	"content_type" varchar(40) NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" char(64) NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "charity_receipts_disbursement_idx" ON "charity_receipts" USING btree ("disbursement_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "charity_receipts_event_idx" ON "charity_receipts" USING btree ("event_id");--> statement-breakpoint
ALTER TABLE "charity_disbursements" DROP COLUMN "receipt_file";--> statement-breakpoint
-- Hand-written: a receipt is part of the public account's history, appended and never changed or
-- removed (aixin_refuse_change() is from 0001); receipt_file above was never written (the files
-- are this table now).
CREATE TRIGGER charity_receipts_append_only BEFORE UPDATE OR DELETE ON charity_receipts
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER charity_receipts_no_truncate BEFORE TRUNCATE ON charity_receipts
  FOR EACH STATEMENT EXECUTE FUNCTION aixin_refuse_change();
