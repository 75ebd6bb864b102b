ALTER TABLE "service_records" ALTER COLUMN "status" SET DATA TYPE varchar(16);--> statement-breakpoint
ALTER TABLE "ledger_policies" ADD COLUMN "retro_window_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_policies" ADD COLUMN "retro_approval_minutes" integer DEFAULT 240 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_policies" ADD COLUMN "retro_monthly_limit" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "settle_decision" varchar(8);--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "settle_decided_by" uuid;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "settle_decision_reason" text;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "minutes_overridden" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "original_minutes" integer;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "review_reason" text;--> statement-breakpoint
CREATE INDEX "service_records_pending_idx" ON "service_records" USING btree ("org_id","created_at") WHERE "service_records"."status" = 'pending_approval';--> statement-breakpoint
ALTER TABLE "ledger_policies" ADD CONSTRAINT "ledger_policies_retro_ck" CHECK (retro_window_days >= 0 and retro_approval_minutes >= 0 and retro_monthly_limit >= 0);