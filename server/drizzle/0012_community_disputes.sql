ALTER TABLE "disputes" ALTER COLUMN "org_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD COLUMN "region_code" varchar(15);--> statement-breakpoint
CREATE INDEX "disputes_community_idx" ON "disputes" USING btree ("region_code","status") WHERE "disputes"."org_id" is null;