CREATE TABLE "regions" (
	"code" varchar(15) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_code" varchar(15),
	"level" smallint NOT NULL,
	"path" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_identities" (
	"id_hash" char(64) PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"city_code" char(4) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" varchar(120) PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" char(64) PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" varchar(64) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" "inet",
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"phone" varchar(20) NOT NULL,
	"password_hash" text,
	"name" text NOT NULL,
	"id_number_enc" text,
	"id_number_masked" varchar(20),
	"birth_date" date,
	"sex" char(1),
	"region_code" varchar(15) NOT NULL,
	"status" varchar(16) DEFAULT 'active' NOT NULL,
	"terms_version" varchar(40),
	"terms_accepted_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"user_id" uuid NOT NULL,
	"role" varchar(20) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"org_id" uuid,
	"station_id" uuid,
	"granted_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"action" varchar(80) NOT NULL,
	"object_type" varchar(40) NOT NULL,
	"object_id" varchar(64),
	"region_code" varchar(15),
	"on_behalf_of" uuid,
	"before" jsonb,
	"after" jsonb,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"name" text NOT NULL,
	"type" varchar(32) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"parent_id" uuid,
	"description" text,
	"status" varchar(20) DEFAULT 'pending' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"name" text NOT NULL,
	"type" varchar(40) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"address" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"opening_hours" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code","code");--> statement-breakpoint
CREATE INDEX "regions_path_idx" ON "regions" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "rate_limits_window_idx" ON "rate_limits" USING btree ("window_start");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_id_uq" ON "sessions" USING btree ("id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_uq" ON "users" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "users_region_idx" ON "users" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "users_city_idx" ON "users" USING btree ("city_code","id");--> statement-breakpoint
CREATE INDEX "users_name_idx" ON "users" USING btree ("name");--> statement-breakpoint
CREATE INDEX "grants_user_idx" ON "grants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "grants_region_idx" ON "grants" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "grants_org_idx" ON "grants" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_active_uq" ON "grants" USING btree ("user_id","role","region_code",coalesce("org_id", '00000000-0000-0000-0000-000000000000'),coalesce("station_id", '00000000-0000-0000-0000-000000000000')) WHERE "grants"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "audit_region_at_idx" ON "audit_log" USING btree ("region_code","at");--> statement-breakpoint
CREATE INDEX "audit_object_idx" ON "audit_log" USING btree ("object_type","object_id");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "orgs_region_idx" ON "organizations" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "orgs_parent_idx" ON "organizations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "orgs_city_idx" ON "organizations" USING btree ("city_code","id");--> statement-breakpoint
CREATE INDEX "stations_region_idx" ON "stations" USING btree ("region_code");