CREATE TABLE "certificate_counters" (
	"city_code" char(4) NOT NULL,
	"year" smallint NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "certificate_counters_pk" PRIMARY KEY("city_code","year")
);
--> statement-breakpoint
CREATE TABLE "certificate_records" (
	"certificate_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"city_code" char(4) NOT NULL,
	CONSTRAINT "certificate_records_pk" PRIMARY KEY("certificate_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"number" varchar(32) NOT NULL,
	"verify_code" varchar(16) NOT NULL,
	"kind" varchar(10) NOT NULL,
	"user_id" uuid NOT NULL,
	"facts" jsonb NOT NULL,
	"minutes" integer NOT NULL,
	"status" varchar(8) NOT NULL,
	"revoked_reason" text,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "star_announcements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"user_id" uuid NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"level" smallint NOT NULL,
	"minutes" integer NOT NULL,
	"announced_at" timestamp with time zone NOT NULL,
	"notice_ends_at" timestamp with time zone NOT NULL,
	"status" varchar(10) NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "star_ladders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"thresholds_hours" integer[] NOT NULL,
	"notice_working_days" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_stars" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"level" smallint DEFAULT 0 NOT NULL,
	"level_since" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "volunteer_stars_ck" CHECK ("volunteer_stars"."minutes" >= 0 and "volunteer_stars"."level" >= 0)
);
--> statement-breakpoint
CREATE INDEX "certificate_records_record_idx" ON "certificate_records" USING btree ("record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_number_uq" ON "certificates" USING btree ("number");--> statement-breakpoint
CREATE INDEX "certificates_user_idx" ON "certificates" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "star_announcements_pending_uq" ON "star_announcements" USING btree ("user_id") WHERE "star_announcements"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "star_announcements_due_idx" ON "star_announcements" USING btree ("notice_ends_at") WHERE "star_announcements"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "star_announcements_region_idx" ON "star_announcements" USING btree ("city_code","region_code","announced_at") WHERE "star_announcements"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "star_ladders_region_from_uq" ON "star_ladders" USING btree ("region_code","effective_from");--> statement-breakpoint
-- hand-written (honours): the hours of records already there; levels follow at the next read or change
INSERT INTO "volunteer_stars" ("user_id", "city_code", "minutes", "level", "updated_at")
SELECT "volunteer_id", min("city_code"), sum("minutes")::int, 0, now() FROM "service_records"
WHERE "status" IN ('confirmed', 'disputed') GROUP BY "volunteer_id";
