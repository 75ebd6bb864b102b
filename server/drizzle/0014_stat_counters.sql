CREATE TABLE "stat_counters" (
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"metric" varchar(24) NOT NULL,
	"period" char(1) NOT NULL,
	"period_start" date NOT NULL,
	"category" varchar(32) NOT NULL,
	"slot" smallint NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "stat_counters_pk" PRIMARY KEY("region_code","metric","period","period_start","category","slot"),
	CONSTRAINT "stat_counters_period_ck" CHECK (period in ('d', 'm', 'a'))
);
--> statement-breakpoint
CREATE INDEX "stat_counters_city_idx" ON "stat_counters" USING btree ("city_code","metric","period","period_start");