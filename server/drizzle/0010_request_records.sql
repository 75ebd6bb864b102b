ALTER TABLE "service_records" ALTER COLUMN "org_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "request_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "service_records_request_once_uq" ON "service_records" USING btree ("request_id","volunteer_id") WHERE "service_records"."kind" = 'request';