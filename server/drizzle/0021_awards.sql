CREATE TABLE "award_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"region_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"categories" jsonb NOT NULL,
	"min_hours" integer DEFAULT 0 NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"nomination_opens_at" timestamp with time zone NOT NULL,
	"nomination_closes_at" timestamp with time zone NOT NULL,
	"voting_opens_at" timestamp with time zone NOT NULL,
	"voting_closes_at" timestamp with time zone NOT NULL,
	"status" varchar(10) NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "award_campaigns_windows_ck" CHECK ("award_campaigns"."nomination_opens_at" < "award_campaigns"."nomination_closes_at" and "award_campaigns"."nomination_closes_at" <= "award_campaigns"."voting_opens_at" and "award_campaigns"."voting_opens_at" < "award_campaigns"."voting_closes_at" and "award_campaigns"."period_from" <= "award_campaigns"."period_to")
);
--> statement-breakpoint
CREATE TABLE "award_nominations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"campaign_id" uuid NOT NULL,
	"category_key" varchar(32) NOT NULL,
	"kind" varchar(10) NOT NULL,
	"subject_id" uuid NOT NULL,
	"subject_name" text NOT NULL,
	"subject_org_id" uuid NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"nominating_org_id" uuid NOT NULL,
	"reasons" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" varchar(12) NOT NULL,
	"review_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"votes" integer DEFAULT 0 NOT NULL,
	"new_account_votes" integer DEFAULT 0 NOT NULL,
	"certificate_id" uuid,
	"awarded_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "award_votes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"campaign_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"new_account" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "award_campaigns_region_idx" ON "award_campaigns" USING btree ("city_code","region_path","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "award_nominations_subject_uq" ON "award_nominations" USING btree ("campaign_id","category_key","subject_id");--> statement-breakpoint
CREATE INDEX "award_nominations_campaign_idx" ON "award_nominations" USING btree ("campaign_id","status","created_at");--> statement-breakpoint
CREATE INDEX "award_nominations_org_idx" ON "award_nominations" USING btree ("nominating_org_id","created_at");--> statement-breakpoint
CREATE INDEX "award_nominations_awarded_idx" ON "award_nominations" USING btree ("subject_id","awarded_at") WHERE "award_nominations"."status" = 'awarded';--> statement-breakpoint
CREATE INDEX "award_nominations_wall_idx" ON "award_nominations" USING btree ("city_code","awarded_at") WHERE "award_nominations"."status" = 'awarded';--> statement-breakpoint
CREATE UNIQUE INDEX "award_votes_once_a_day_uq" ON "award_votes" USING btree ("user_id","nomination_id","day");--> statement-breakpoint
CREATE INDEX "award_votes_nomination_idx" ON "award_votes" USING btree ("nomination_id","day");