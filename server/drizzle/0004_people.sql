CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" varchar(20) NOT NULL,
	"version" varchar(40) NOT NULL,
	"method" varchar(20) NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"recorded_by" uuid,
	"guardian_name" text,
	"guardian_phone" varchar(20),
	"guardian_relation" varchar(20)
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"kind" varchar(20) NOT NULL,
	"status" varchar(12) NOT NULL,
	"phase" varchar(12) DEFAULT 'checking' NOT NULL,
	"file_name" text,
	"region_code" varchar(15) NOT NULL,
	"mode" varchar(16) NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"matched_count" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"message" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "org_memberships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" varchar(10) DEFAULT 'member' NOT NULL,
	"status" varchar(12) NOT NULL,
	"message" text,
	"reason" text,
	"invited_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_no_counters" (
	"prefix" varchar(6) PRIMARY KEY NOT NULL,
	"next_value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"volunteer_no" varchar(20) NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"service_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" text,
	"national_volunteer_no" varchar(40),
	"public_display" boolean DEFAULT false NOT NULL,
	"guardian_name" text,
	"guardian_phone" varchar(20),
	"guardian_relation" varchar(20),
	"registered_by" uuid,
	"consent_method" varchar(20) DEFAULT 'online' NOT NULL,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "supervising_unit" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "contact_phone" varchar(20);--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "status_reason" text;--> statement-breakpoint
CREATE INDEX "consents_user_idx" ON "consents" USING btree ("user_id","kind");--> statement-breakpoint
CREATE INDEX "import_jobs_creator_idx" ON "import_jobs" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "org_memberships_open_uq" ON "org_memberships" USING btree ("org_id","user_id") WHERE "org_memberships"."status" in ('requested', 'invited', 'active');--> statement-breakpoint
CREATE INDEX "org_memberships_org_idx" ON "org_memberships" USING btree ("org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "org_memberships_user_idx" ON "org_memberships" USING btree ("user_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_profiles_no_uq" ON "volunteer_profiles" USING btree ("volunteer_no");--> statement-breakpoint
CREATE INDEX "volunteer_profiles_city_idx" ON "volunteer_profiles" USING btree ("city_code","user_id");