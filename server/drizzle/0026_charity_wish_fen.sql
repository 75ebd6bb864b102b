CREATE TABLE "charity_disbursements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"event_id" uuid NOT NULL,
	"beneficiary" varchar(100) NOT NULL,
	"beneficiary_kind" varchar(8) NOT NULL,
	"beneficiary_user_id" uuid,
	"purpose" varchar(200) NOT NULL,
	"amount_fen" bigint NOT NULL,
	"receipt_no" varchar(60) NOT NULL,
	"receipt_file" varchar(200),
	"reverses_id" uuid,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "charity_disbursements_kind_ck" CHECK ("charity_disbursements"."beneficiary_kind" in ('person', 'group')),
	CONSTRAINT "charity_disbursements_sign_ck" CHECK (("charity_disbursements"."reverses_id" is null and "charity_disbursements"."amount_fen" > 0) or ("charity_disbursements"."reverses_id" is not null and "charity_disbursements"."amount_fen" < 0))
);
--> statement-breakpoint
CREATE TABLE "charity_event_staff" (
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"city_code" char(4) NOT NULL,
	"added_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "charity_event_staff_pk" PRIMARY KEY("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "charity_event_totals" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"raised_fen" bigint NOT NULL,
	"disbursed_fen" bigint NOT NULL,
	"sale_lines" integer NOT NULL,
	CONSTRAINT "charity_event_totals_ck" CHECK ("charity_event_totals"."raised_fen" >= 0 and "charity_event_totals"."disbursed_fen" >= 0 and "charity_event_totals"."disbursed_fen" <= "charity_event_totals"."raised_fen")
);
--> statement-breakpoint
CREATE TABLE "charity_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"title" varchar(100) NOT NULL,
	"description" text NOT NULL,
	"place" varchar(200) NOT NULL,
	"organisers" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" varchar(8) NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "charity_events_status_ck" CHECK ("charity_events"."status" in ('open', 'closed')),
	CONSTRAINT "charity_events_time_ck" CHECK ("charity_events"."ends_at" > "charity_events"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "charity_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"event_id" uuid NOT NULL,
	"stall_id" uuid NOT NULL,
	"name" varchar(60) NOT NULL,
	"price_fen" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "charity_items_price_ck" CHECK ("charity_items"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "charity_sales" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"event_id" uuid NOT NULL,
	"stall_id" uuid NOT NULL,
	"item_id" uuid,
	"seller_id" uuid,
	"quantity" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reverses_id" uuid,
	"note" varchar(200),
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "charity_sales_sign_ck" CHECK (("charity_sales"."reverses_id" is null and "charity_sales"."amount_fen" >= 0 and "charity_sales"."quantity" > 0) or ("charity_sales"."reverses_id" is not null and "charity_sales"."amount_fen" <= 0 and "charity_sales"."quantity" < 0))
);
--> statement-breakpoint
CREATE TABLE "charity_sellers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"event_id" uuid NOT NULL,
	"stall_id" uuid NOT NULL,
	"name" varchar(40) NOT NULL,
	"is_minor" integer NOT NULL,
	"minor_user_id" uuid,
	"guardian_user_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "charity_sellers_guardian_ck" CHECK ("charity_sellers"."is_minor" = 0 or "charity_sellers"."guardian_user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "charity_stalls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"event_id" uuid NOT NULL,
	"name" varchar(60) NOT NULL,
	"kind" varchar(8) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "charity_stalls_kind_ck" CHECK ("charity_stalls"."kind" in ('family', 'public'))
);
--> statement-breakpoint
-- hand-edited: the wishes kept so far get their value in fen from their whole yuan, then the column is required
ALTER TABLE "wishes" ADD COLUMN "value_fen" bigint;--> statement-breakpoint
UPDATE "wishes" SET "value_fen" = "value_yuan"::bigint * 100;--> statement-breakpoint
ALTER TABLE "wishes" ALTER COLUMN "value_fen" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "charity_disbursements_event_idx" ON "charity_disbursements" USING btree ("event_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "charity_disbursements_reverses_uq" ON "charity_disbursements" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "charity_event_staff_user_idx" ON "charity_event_staff" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "charity_event_totals_region_idx" ON "charity_event_totals" USING btree ("city_code","region_code");--> statement-breakpoint
CREATE INDEX "charity_events_region_idx" ON "charity_events" USING btree ("city_code","region_code","starts_at");--> statement-breakpoint
CREATE INDEX "charity_items_event_idx" ON "charity_items" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "charity_sales_event_idx" ON "charity_sales" USING btree ("event_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "charity_sales_reverses_uq" ON "charity_sales" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "charity_sellers_event_idx" ON "charity_sellers" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "charity_stalls_event_idx" ON "charity_stalls" USING btree ("event_id");--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_value_fen_ck" CHECK ("wishes"."value_fen" >= 0 and "wishes"."value_yuan" = "wishes"."value_fen" / 100);--> statement-breakpoint
-- Hand-written: charity sales and disbursements are the public account's history, appended and never
-- changed or removed (aixin_refuse_change() is from 0001); a correction is a reversing row.
CREATE TRIGGER charity_sales_append_only BEFORE UPDATE OR DELETE ON charity_sales
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER charity_sales_no_truncate BEFORE TRUNCATE ON charity_sales
  FOR EACH STATEMENT EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER charity_disbursements_append_only BEFORE UPDATE OR DELETE ON charity_disbursements
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER charity_disbursements_no_truncate BEFORE TRUNCATE ON charity_disbursements
  FOR EACH STATEMENT EXECUTE FUNCTION aixin_refuse_change();
