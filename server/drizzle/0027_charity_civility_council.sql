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
CREATE TABLE "civility_appeals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"entry_id" uuid NOT NULL,
	"appellant_user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" varchar(10) NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"answer" varchar(500),
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "civility_appeals_status_ck" CHECK ("civility_appeals"."status" in ('open', 'upheld', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "civility_board_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"board" varchar(5) NOT NULL,
	"title" varchar(100) NOT NULL,
	"deed" text NOT NULL,
	"evidence" text NOT NULL,
	"subject_name" varchar(60),
	"subject_user_id" uuid,
	"subject_household_id" uuid,
	"period_from" varchar(10) NOT NULL,
	"period_to" varchar(10) NOT NULL,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"review_status" varchar(10) NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" varchar(500),
	"status" varchar(10) NOT NULL,
	CONSTRAINT "civility_board_kind_ck" CHECK ("civility_board_entries"."board" in ('red', 'black') and "civility_board_entries"."review_status" in ('pending', 'approved', 'rejected') and "civility_board_entries"."status" in ('active', 'withdrawn')),
	CONSTRAINT "civility_board_four_eyes_ck" CHECK ("civility_board_entries"."reviewed_by" is null or "civility_board_entries"."reviewed_by" <> "civility_board_entries"."entered_by"),
	CONSTRAINT "civility_board_period_ck" CHECK ("civility_board_entries"."period_from" <= "civility_board_entries"."period_to")
);
--> statement-breakpoint
CREATE TABLE "civility_criteria" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"year" smallint NOT NULL,
	"title" varchar(100) NOT NULL,
	"stars" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "civility_households" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"address" varchar(200) NOT NULL,
	"head_name" varchar(40) NOT NULL,
	"head_user_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "civility_ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"household_id" uuid NOT NULL,
	"criteria_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"stars" jsonb NOT NULL,
	"star_count" smallint NOT NULL,
	"rated_by" uuid NOT NULL,
	"rated_at" timestamp with time zone NOT NULL,
	"consent_public" boolean NOT NULL,
	"consent_by" uuid,
	"consent_at" timestamp with time zone,
	"consent_method" varchar(8),
	CONSTRAINT "civility_ratings_count_ck" CHECK ("civility_ratings"."star_count" between 0 and 10),
	CONSTRAINT "civility_ratings_consent_ck" CHECK (not "civility_ratings"."consent_public" or ("civility_ratings"."consent_by" is not null and "civility_ratings"."consent_at" is not null and "civility_ratings"."consent_method" in ('self', 'paper')))
);
--> statement-breakpoint
CREATE TABLE "council_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"meeting_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"owner_name" varchar(60) NOT NULL,
	"owner_user_id" uuid,
	"due_date" varchar(10) NOT NULL,
	"status" varchar(6) NOT NULL,
	"done_at" timestamp with time zone,
	"done_note" varchar(500),
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "council_decisions_status_ck" CHECK ("council_decisions"."status" in ('open', 'done'))
);
--> statement-breakpoint
CREATE TABLE "council_meeting_topics" (
	"meeting_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	"city_code" char(4) NOT NULL,
	CONSTRAINT "council_meeting_topics_pk" PRIMARY KEY("meeting_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "council_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"title" varchar(100) NOT NULL,
	"place" varchar(200) NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"status" varchar(10) NOT NULL,
	"minutes" text,
	"attendees" integer,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"held_at" timestamp with time zone,
	CONSTRAINT "council_meetings_status_ck" CHECK ("council_meetings"."status" in ('scheduled', 'held'))
);
--> statement-breakpoint
CREATE TABLE "council_supports" (
	"topic_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"city_code" char(4) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "council_supports_pk" PRIMARY KEY("topic_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "council_topics" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"title" varchar(80) NOT NULL,
	"description" text NOT NULL,
	"raised_by" uuid NOT NULL,
	"on_behalf_by" uuid,
	"support_count" integer NOT NULL,
	"status" varchar(10) NOT NULL,
	"request_id" uuid,
	"closed_note" varchar(500),
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "council_topics_status_ck" CHECK ("council_topics"."status" in ('open', 'scheduled', 'decided', 'done', 'closed')),
	CONSTRAINT "council_topics_support_ck" CHECK ("council_topics"."support_count" >= 0)
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
CREATE UNIQUE INDEX "civility_appeals_once_uq" ON "civility_appeals" USING btree ("entry_id","appellant_user_id");--> statement-breakpoint
CREATE INDEX "civility_appeals_entry_idx" ON "civility_appeals" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "civility_board_region_idx" ON "civility_board_entries" USING btree ("city_code","region_code","entered_at");--> statement-breakpoint
CREATE INDEX "civility_board_subject_idx" ON "civility_board_entries" USING btree ("subject_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "civility_criteria_region_year_uq" ON "civility_criteria" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "civility_households_region_idx" ON "civility_households" USING btree ("city_code","region_code","created_at");--> statement-breakpoint
CREATE INDEX "civility_households_head_idx" ON "civility_households" USING btree ("head_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "civility_ratings_household_year_uq" ON "civility_ratings" USING btree ("household_id","year");--> statement-breakpoint
CREATE INDEX "civility_ratings_region_idx" ON "civility_ratings" USING btree ("city_code","region_code","year");--> statement-breakpoint
CREATE INDEX "civility_ratings_public_idx" ON "civility_ratings" USING btree ("city_code","year","region_code") WHERE consent_public;--> statement-breakpoint
CREATE INDEX "council_decisions_topic_idx" ON "council_decisions" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "council_decisions_due_idx" ON "council_decisions" USING btree ("city_code","region_code","due_date") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "council_meeting_topics_topic_idx" ON "council_meeting_topics" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "council_meetings_region_idx" ON "council_meetings" USING btree ("city_code","region_code","starts_at");--> statement-breakpoint
CREATE INDEX "council_topics_region_idx" ON "council_topics" USING btree ("city_code","region_code","created_at");--> statement-breakpoint
CREATE INDEX "council_topics_raiser_idx" ON "council_topics" USING btree ("raised_by");--> statement-breakpoint
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
