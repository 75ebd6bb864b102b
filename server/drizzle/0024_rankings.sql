CREATE TABLE "ranking_totals" (
	"city_code" char(4) NOT NULL,
	"period" varchar(8) NOT NULL,
	"scope_kind" char(1) NOT NULL,
	"scope_key" varchar(36) NOT NULL,
	"subject_kind" char(1) NOT NULL,
	"subject_id" uuid NOT NULL,
	"minutes" bigint NOT NULL,
	"points" bigint NOT NULL,
	"participations" integer NOT NULL,
	CONSTRAINT "ranking_totals_pk" PRIMARY KEY("city_code","period","scope_kind","scope_key","subject_kind","subject_id"),
	CONSTRAINT "ranking_totals_kinds_ck" CHECK ("ranking_totals"."scope_kind" in ('r', 'o') and "ranking_totals"."subject_kind" in ('v', 't'))
);
--> statement-breakpoint
CREATE INDEX "ranking_totals_minutes_idx" ON "ranking_totals" USING btree ("city_code","period","scope_kind","scope_key","subject_kind","minutes" DESC NULLS LAST,"subject_id");--> statement-breakpoint
CREATE INDEX "ranking_totals_points_idx" ON "ranking_totals" USING btree ("city_code","period","scope_kind","scope_key","subject_kind","points" DESC NULLS LAST,"subject_id");--> statement-breakpoint
CREATE INDEX "ranking_totals_participations_idx" ON "ranking_totals" USING btree ("city_code","period","scope_kind","scope_key","subject_kind","participations" DESC NULLS LAST,"subject_id");