CREATE TABLE "hardship_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"user_id" uuid NOT NULL,
	"id_hash" char(64),
	"category" varchar(20) NOT NULL,
	"evidence" text NOT NULL,
	"status" varchar(8) NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_status_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"id_hash" char(64) NOT NULL,
	"name" varchar(50) NOT NULL,
	"status" varchar(8) NOT NULL,
	"status_date" date NOT NULL,
	"source" varchar(100) NOT NULL,
	"imported_by" uuid NOT NULL,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "welfare_attendance" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"post_id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"checkin_at" timestamp with time zone NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"distance_meters" integer,
	"outside_fence" boolean NOT NULL,
	"no_location" boolean NOT NULL,
	"device_id" varchar(64),
	"source" varchar(6) NOT NULL,
	"recorded_by" uuid,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "welfare_closures" (
	"post_id" uuid NOT NULL,
	"day" date NOT NULL,
	"city_code" char(4) NOT NULL,
	"reason" varchar(200) NOT NULL,
	"marked_by" uuid NOT NULL,
	"marked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "welfare_closures_pk" PRIMARY KEY("post_id","day")
);
--> statement-breakpoint
CREATE TABLE "welfare_confirmations" (
	"post_id" uuid NOT NULL,
	"month" char(7) NOT NULL,
	"city_code" char(4) NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"confirmed_by_name" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"note" text,
	"days" jsonb NOT NULL,
	CONSTRAINT "welfare_confirmations_pk" PRIMARY KEY("post_id","month")
);
--> statement-breakpoint
CREATE TABLE "welfare_flags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"post_id" uuid NOT NULL,
	"placement_id" uuid,
	"user_id" uuid,
	"kind" varchar(24) NOT NULL,
	"month" char(7) NOT NULL,
	"day" date,
	"key" varchar(120) NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" varchar(10) NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "welfare_objections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"placement_id" uuid NOT NULL,
	"content" text NOT NULL,
	"contact" varchar(50),
	"status" varchar(10) NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "welfare_placement_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"placement_id" uuid NOT NULL,
	"step" varchar(20) NOT NULL,
	"seq" smallint NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"note" text NOT NULL,
	"document_key" varchar(200),
	"document_name" varchar(100),
	"document_type" varchar(40),
	"document_bytes" integer,
	CONSTRAINT "welfare_placement_steps_order_ck" CHECK (("welfare_placement_steps"."step", "welfare_placement_steps"."seq") in (('application',1),('democratic_review',2),('town_review',3),('public_notice',4),('county_approval',5),('agreement',6),('training',7),('start',8)))
);
--> statement-breakpoint
CREATE TABLE "welfare_placements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"post_id" uuid NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"user_id" uuid NOT NULL,
	"id_hash" char(64),
	"hardship_entry_id" uuid NOT NULL,
	"status" varchar(12) NOT NULL,
	"last_step" varchar(20) NOT NULL,
	"last_seq" smallint NOT NULL,
	"notice_starts_on" date,
	"notice_ends_on" date,
	"started_on" date,
	"ended_on" date,
	"end_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "welfare_plans" (
	"region_code" varchar(9) NOT NULL,
	"year" smallint NOT NULL,
	"city_code" char(4) NOT NULL,
	"rural_planned" integer NOT NULL,
	"urban_planned" integer NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "welfare_plans_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
CREATE TABLE "welfare_posts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"town_code" varchar(9) NOT NULL,
	"title" varchar(100) NOT NULL,
	"kind" varchar(8) NOT NULL,
	"category" varchar(16) NOT NULL,
	"address" varchar(200) NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"geofence_meters" integer NOT NULL,
	"start_time" char(5) NOT NULL,
	"end_time" char(5) NOT NULL,
	"pay_min_fen" integer NOT NULL,
	"pay_max_fen" integer NOT NULL,
	"supervisor_org_id" uuid,
	"description" text NOT NULL,
	"status" varchar(12) NOT NULL,
	"announced_at" timestamp with time zone,
	"announcement_key" varchar(200),
	"announcement_name" varchar(100),
	"announcement_type" varchar(40),
	"announcement_bytes" integer,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "welfare_posts_ck" CHECK ("welfare_posts"."pay_max_fen" >= "welfare_posts"."pay_min_fen" and "welfare_posts"."pay_min_fen" >= 0 and "welfare_posts"."geofence_meters" > 0 and "welfare_posts"."kind" in ('rural','urban'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_entries_person_uq" ON "hardship_entries" USING btree ("user_id","region_code") WHERE "hardship_entries"."status" = 'active';--> statement-breakpoint
CREATE INDEX "hardship_entries_region_idx" ON "hardship_entries" USING btree ("city_code","region_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "person_status_entries_uq" ON "person_status_entries" USING btree ("id_hash","status","status_date");--> statement-breakpoint
CREATE UNIQUE INDEX "welfare_attendance_day_uq" ON "welfare_attendance" USING btree ("placement_id","day");--> statement-breakpoint
CREATE INDEX "welfare_attendance_post_day_idx" ON "welfare_attendance" USING btree ("post_id","day");--> statement-breakpoint
CREATE INDEX "welfare_attendance_device_idx" ON "welfare_attendance" USING btree ("city_code","day","device_id") WHERE "welfare_attendance"."device_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "welfare_flags_key_uq" ON "welfare_flags" USING btree ("post_id","kind","key");--> statement-breakpoint
CREATE INDEX "welfare_flags_month_idx" ON "welfare_flags" USING btree ("post_id","month","status");--> statement-breakpoint
CREATE INDEX "welfare_objections_placement_idx" ON "welfare_objections" USING btree ("placement_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "welfare_placement_steps_step_uq" ON "welfare_placement_steps" USING btree ("placement_id","step");--> statement-breakpoint
CREATE UNIQUE INDEX "welfare_placement_steps_seq_uq" ON "welfare_placement_steps" USING btree ("placement_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "welfare_placements_one_per_person_uq" ON "welfare_placements" USING btree ("user_id") WHERE "welfare_placements"."status" in ('in_procedure','active');--> statement-breakpoint
CREATE INDEX "welfare_placements_post_idx" ON "welfare_placements" USING btree ("post_id","status");--> statement-breakpoint
CREATE INDEX "welfare_placements_town_idx" ON "welfare_placements" USING btree ("city_code","town_code","created_at");--> statement-breakpoint
CREATE INDEX "welfare_placements_hash_idx" ON "welfare_placements" USING btree ("id_hash");--> statement-breakpoint
CREATE INDEX "welfare_placements_user_idx" ON "welfare_placements" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "welfare_placements_notice_idx" ON "welfare_placements" USING btree ("notice_ends_on","city_code") WHERE "welfare_placements"."notice_ends_on" is not null;--> statement-breakpoint
CREATE INDEX "welfare_posts_town_idx" ON "welfare_posts" USING btree ("city_code","town_code","created_at");--> statement-breakpoint
CREATE INDEX "welfare_posts_org_idx" ON "welfare_posts" USING btree ("supervisor_org_id");--> statement-breakpoint
-- The procedure of a placement (公益性岗位安置程序) is one row per step, in its fixed order: a step
-- after the first is refused unless the step before it is there (the check above ties each step to
-- its place; the unique indexes refuse a repeat), and the rows are history: never changed or removed.
CREATE FUNCTION welfare_step_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq > 1 AND NOT EXISTS (
    SELECT 1 FROM welfare_placement_steps WHERE placement_id = NEW.placement_id AND seq = NEW.seq - 1
  ) THEN
    RAISE EXCEPTION 'welfare placement step % skips the step before it', NEW.step USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER welfare_placement_steps_in_order BEFORE INSERT ON welfare_placement_steps
  FOR EACH ROW EXECUTE FUNCTION welfare_step_in_order();
--> statement-breakpoint
CREATE TRIGGER welfare_placement_steps_append_only BEFORE UPDATE OR DELETE ON welfare_placement_steps
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER welfare_placement_steps_no_truncate BEFORE TRUNCATE ON welfare_placement_steps
  FOR EACH STATEMENT EXECUTE FUNCTION aixin_refuse_change();
