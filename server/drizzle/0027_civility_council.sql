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
CREATE INDEX "council_topics_raiser_idx" ON "council_topics" USING btree ("raised_by");