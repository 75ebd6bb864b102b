CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"org_id" uuid NOT NULL,
	"series_id" uuid,
	"title" text NOT NULL,
	"category" varchar(32) NOT NULL,
	"description" text NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"station_id" uuid,
	"address" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"geofence_meters" integer DEFAULT 500 NOT NULL,
	"allow_outside_fence" boolean DEFAULT false NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"min_age" integer,
	"max_age" integer,
	"required_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"risks" text,
	"is_risky" boolean DEFAULT false NOT NULL,
	"insured" boolean DEFAULT false NOT NULL,
	"cancel_deadline_minutes" integer DEFAULT 120 NOT NULL,
	"person_in_charge" text NOT NULL,
	"status" varchar(16) NOT NULL,
	"review_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"confirmed_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activities_time_ck" CHECK ("activities"."ends_at" > "activities"."starts_at"),
	CONSTRAINT "activities_capacity_ck" CHECK ("activities"."capacity" > 0 and "activities"."confirmed_count" >= 0 and "activities"."confirmed_count" <= "activities"."capacity")
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"activity_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"checkin_at" timestamp with time zone NOT NULL,
	"checkout_at" timestamp with time zone,
	"checkin_lat" double precision,
	"checkin_lng" double precision,
	"checkin_distance_meters" integer,
	"checkout_lat" double precision,
	"checkout_lng" double precision,
	"checkout_distance_meters" integer,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"recorded_by" uuid,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"record_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" varchar(12) NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"correction_record_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" varchar(32) NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"object_type" varchar(32),
	"object_id" uuid,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"activity_id" uuid,
	"kind" varchar(12) NOT NULL,
	"status" varchar(12) NOT NULL,
	"activity_title" text NOT NULL,
	"service_date" varchar(10) NOT NULL,
	"place" text NOT NULL,
	"content" text NOT NULL,
	"org_name" text NOT NULL,
	"person_in_charge" text NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"credited_minutes" integer NOT NULL,
	"points" integer NOT NULL,
	"adjustment_reason" text,
	"evidence_note" text,
	"reverses_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_records_minutes_ck" CHECK ("service_records"."minutes" >= 0 and "service_records"."credited_minutes" >= 0 and "service_records"."points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "signups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"activity_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" varchar(12) NOT NULL,
	"signed_up_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "activities_region_status_idx" ON "activities" USING btree ("region_code","status","starts_at");--> statement-breakpoint
CREATE INDEX "activities_status_start_idx" ON "activities" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "activities_org_idx" ON "activities" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE INDEX "activities_review_queue_idx" ON "activities" USING btree ("status","submitted_at") WHERE "activities"."status" = 'pending_review';--> statement-breakpoint
CREATE INDEX "activities_city_idx" ON "activities" USING btree ("city_code","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_activity_user_uq" ON "attendance" USING btree ("activity_id","user_id");--> statement-breakpoint
CREATE INDEX "attendance_open_idx" ON "attendance" USING btree ("activity_id") WHERE "attendance"."checkout_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "disputes_open_uq" ON "disputes" USING btree ("record_id") WHERE "disputes"."status" = 'open';--> statement-breakpoint
CREATE INDEX "disputes_org_idx" ON "disputes" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "service_records_activity_once_uq" ON "service_records" USING btree ("activity_id","volunteer_id") WHERE "service_records"."kind" = 'activity';--> statement-breakpoint
CREATE UNIQUE INDEX "service_records_reverses_once_uq" ON "service_records" USING btree ("reverses_id") WHERE "service_records"."reverses_id" is not null;--> statement-breakpoint
CREATE INDEX "service_records_volunteer_idx" ON "service_records" USING btree ("volunteer_id","started_at");--> statement-breakpoint
CREATE INDEX "service_records_org_idx" ON "service_records" USING btree ("org_id","started_at");--> statement-breakpoint
CREATE INDEX "service_records_city_idx" ON "service_records" USING btree ("city_code","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "signups_open_uq" ON "signups" USING btree ("activity_id","user_id") WHERE "signups"."status" in ('confirmed', 'waitlisted');--> statement-breakpoint
CREATE INDEX "signups_activity_idx" ON "signups" USING btree ("activity_id","status","created_at");--> statement-breakpoint
CREATE INDEX "signups_user_idx" ON "signups" USING btree ("user_id","status");