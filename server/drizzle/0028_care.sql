CREATE TABLE "care_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"grid_id" uuid NOT NULL,
	"building_id" uuid,
	"user_id" uuid NOT NULL,
	"role" varchar(20) NOT NULL,
	"assigned_by" uuid NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"end_reason" varchar(200)
);
--> statement-breakpoint
CREATE TABLE "care_buildings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"grid_id" uuid NOT NULL,
	"name" varchar(100) NOT NULL,
	"address" varchar(200),
	"lat" double precision,
	"lng" double precision,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"community_code" varchar(15) NOT NULL,
	"title" varchar(100) NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_grids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"community_code" varchar(15) NOT NULL,
	"parent_id" uuid,
	"path" text NOT NULL,
	"name" varchar(100) NOT NULL,
	"kind" varchar(10) NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_household_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"household_id" uuid NOT NULL,
	"name" varchar(100) NOT NULL,
	"relation" varchar(20) NOT NULL,
	"user_id" uuid,
	"birth_year" smallint
);
--> statement-breakpoint
CREATE TABLE "care_household_reads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"community_code" varchar(15) NOT NULL,
	"household_id" uuid NOT NULL,
	"reader_id" uuid NOT NULL,
	"purpose" varchar(10) NOT NULL,
	"reason" varchar(200),
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_household_tags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"household_id" uuid NOT NULL,
	"tag" varchar(20) NOT NULL,
	"evidence" varchar(500) NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_households" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"community_code" varchar(15) NOT NULL,
	"grid_id" uuid NOT NULL,
	"grid_path" text NOT NULL,
	"building_id" uuid NOT NULL,
	"unit" varchar(20) NOT NULL,
	"room" varchar(20) NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"phone" varchar(20),
	"note" varchar(500),
	"head_name" varchar(100) NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"community_code" varchar(15) NOT NULL,
	"tag" varchar(20) NOT NULL,
	"interval_days" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "care_visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"community_code" varchar(15) NOT NULL,
	"grid_id" uuid,
	"grid_path" text,
	"building_id" uuid,
	"household_id" uuid,
	"pension_item_id" uuid,
	"campaign_id" uuid,
	"source" varchar(10) NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" varchar(10) NOT NULL,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"visitor_id" uuid,
	"visited_at" timestamp with time zone,
	"method" varchar(10),
	"findings" varchar(1000),
	"follow_up_needed" boolean DEFAULT false NOT NULL,
	"distance_meters" integer,
	"photo_key" varchar(200),
	"request_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pension_drives" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"year" smallint NOT NULL,
	"title" varchar(100) NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pension_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"drive_id" uuid NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"grid_id" uuid,
	"grid_path" text,
	"name" varchar(100) NOT NULL,
	"id_number_masked" varchar(20) NOT NULL,
	"id_key" varchar(64) NOT NULL,
	"address" varchar(200) NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"status" varchar(10) NOT NULL,
	"helped_by" uuid,
	"help_place" varchar(20),
	"reason" varchar(20),
	"visit_id" uuid,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "care_assignments_user_idx" ON "care_assignments" USING btree ("user_id") WHERE "care_assignments"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "care_assignments_grid_idx" ON "care_assignments" USING btree ("grid_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_assignments_head_uq" ON "care_assignments" USING btree ("building_id","role") WHERE "care_assignments"."ended_at" is null and "care_assignments"."building_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "care_assignments_worker_uq" ON "care_assignments" USING btree ("grid_id","user_id","role") WHERE "care_assignments"."ended_at" is null and "care_assignments"."building_id" is null;--> statement-breakpoint
CREATE INDEX "care_buildings_grid_idx" ON "care_buildings" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "care_campaigns_community_idx" ON "care_campaigns" USING btree ("city_code","community_code","created_at");--> statement-breakpoint
CREATE INDEX "care_grids_community_idx" ON "care_grids" USING btree ("city_code","community_code");--> statement-breakpoint
CREATE INDEX "care_grids_path_idx" ON "care_grids" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "care_household_members_household_idx" ON "care_household_members" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "care_household_members_user_idx" ON "care_household_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "care_household_reads_household_idx" ON "care_household_reads" USING btree ("household_id","at");--> statement-breakpoint
CREATE INDEX "care_household_reads_community_idx" ON "care_household_reads" USING btree ("city_code","community_code","at");--> statement-breakpoint
CREATE UNIQUE INDEX "care_household_tags_uq" ON "care_household_tags" USING btree ("household_id","tag");--> statement-breakpoint
CREATE INDEX "care_household_tags_tag_idx" ON "care_household_tags" USING btree ("city_code","tag");--> statement-breakpoint
CREATE INDEX "care_households_community_idx" ON "care_households" USING btree ("city_code","community_code","id");--> statement-breakpoint
CREATE INDEX "care_households_grid_path_idx" ON "care_households" USING btree ("grid_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "care_households_building_idx" ON "care_households" USING btree ("building_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_households_room_uq" ON "care_households" USING btree ("building_id","unit","room");--> statement-breakpoint
CREATE UNIQUE INDEX "care_plans_uq" ON "care_plans" USING btree ("community_code","tag");--> statement-breakpoint
CREATE INDEX "care_visits_household_idx" ON "care_visits" USING btree ("household_id","due_at");--> statement-breakpoint
CREATE INDEX "care_visits_escalate_idx" ON "care_visits" USING btree ("due_at") WHERE "care_visits"."status" = 'due' and "care_visits"."escalation_level" < 3;--> statement-breakpoint
CREATE INDEX "care_visits_grid_due_idx" ON "care_visits" USING btree ("grid_path" text_pattern_ops,"due_at") WHERE "care_visits"."status" = 'due';--> statement-breakpoint
CREATE INDEX "care_visits_campaign_idx" ON "care_visits" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "care_visits_pension_idx" ON "care_visits" USING btree ("pension_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_visits_open_plan_uq" ON "care_visits" USING btree ("household_id") WHERE "care_visits"."status" = 'due' and "care_visits"."source" = 'plan';--> statement-breakpoint
CREATE INDEX "pension_drives_region_idx" ON "pension_drives" USING btree ("city_code","region_code");--> statement-breakpoint
CREATE INDEX "pension_items_drive_idx" ON "pension_items" USING btree ("drive_id","status","id");--> statement-breakpoint
CREATE INDEX "pension_items_grid_idx" ON "pension_items" USING btree ("grid_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "pension_items_person_uq" ON "pension_items" USING btree ("drive_id","id_key");--> statement-breakpoint
-- Hand-written: the read log of households is history (appended, never changed or removed), and the
-- closed sets of roles, statuses and methods are checked by the database as well as by the API.
CREATE TRIGGER care_household_reads_append_only BEFORE UPDATE OR DELETE ON care_household_reads
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER care_household_reads_no_truncate BEFORE TRUNCATE ON care_household_reads
  FOR EACH STATEMENT EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
ALTER TABLE "care_assignments" ADD CONSTRAINT "care_assignments_role_ck" CHECK (role IN ('grid_worker', 'building_head_a', 'building_head_b') AND ((role = 'grid_worker') = (building_id IS NULL)));
--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_status_ck" CHECK (status IN ('due', 'done') AND source IN ('plan', 'campaign', 'pension', 'adhoc') AND (method IS NULL OR method IN ('door', 'phone')) AND (status = 'due' OR (visited_at IS NOT NULL AND visitor_id IS NOT NULL AND method IS NOT NULL)));
--> statement-breakpoint
ALTER TABLE "pension_items" ADD CONSTRAINT "pension_items_status_ck" CHECK (status IN ('pending', 'self', 'helped', 'not_yet') AND (status <> 'helped' OR (helped_by IS NOT NULL AND help_place IN ('service_point', 'home'))) AND (status <> 'not_yet' OR reason IN ('cannot_walk', 'away', 'no_smartphone', 'deceased')));
--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_interval_ck" CHECK (interval_days BETWEEN 1 AND 366);
