CREATE TABLE "partner_benefit_counters" (
	"benefit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"period" varchar(10) NOT NULL,
	"city_code" char(4) NOT NULL,
	"uses" integer NOT NULL,
	CONSTRAINT "partner_benefit_counters_pk" PRIMARY KEY("benefit_id","user_id","period")
);
--> statement-breakpoint
CREATE TABLE "partner_benefit_uses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"partner_id" uuid NOT NULL,
	"benefit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"star_level" smallint NOT NULL,
	"used_at" timestamp with time zone NOT NULL,
	"month" char(7) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_benefits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"partner_id" uuid NOT NULL,
	"title" varchar(100) NOT NULL,
	"description" text NOT NULL,
	"min_stars" smallint NOT NULL,
	"limit_period" varchar(8) NOT NULL,
	"limit_count" smallint NOT NULL,
	"valid_from" varchar(10) NOT NULL,
	"valid_to" varchar(10),
	"status" varchar(10) NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "partner_benefits_ck" CHECK ("partner_benefits"."min_stars" >= 0 and "partner_benefits"."limit_count" >= 1)
);
--> statement-breakpoint
CREATE TABLE "partner_staff" (
	"partner_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"city_code" char(4) NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "partner_staff_pk" PRIMARY KEY("partner_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"name" varchar(100) NOT NULL,
	"sector" varchar(20) NOT NULL,
	"contact" varchar(100),
	"status" varchar(10) NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "partner_benefit_uses_month_idx" ON "partner_benefit_uses" USING btree ("partner_id","month","used_at");--> statement-breakpoint
CREATE INDEX "partner_benefits_partner_idx" ON "partner_benefits" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "partner_staff_user_idx" ON "partner_staff" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "partners_region_idx" ON "partners" USING btree ("city_code","region_code");