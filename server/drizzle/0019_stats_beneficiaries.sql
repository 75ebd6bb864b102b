ALTER TABLE "activities" ADD COLUMN "beneficiaries_count" integer;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "beneficiaries_category" varchar(16);--> statement-breakpoint
CREATE INDEX "activities_unsettled_idx" ON "activities" USING btree ("ends_at") WHERE "activities"."status" = 'published' and "activities"."settled_at" is null;--> statement-breakpoint
CREATE INDEX "disputes_open_region_idx" ON "disputes" USING btree ("region_code") WHERE "disputes"."status" = 'open';--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_beneficiaries_ck" CHECK ("activities"."beneficiaries_count" is null or "activities"."beneficiaries_count" >= 0);