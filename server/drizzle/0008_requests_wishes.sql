CREATE TABLE "service_request_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"request_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"action" varchar(20) NOT NULL,
	"from_status" varchar(12),
	"to_status" varchar(12) NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"resident_id" uuid NOT NULL,
	"entered_by" uuid,
	"category" varchar(32) NOT NULL,
	"description" text NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"address" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"preferred_from" timestamp with time zone,
	"preferred_to" timestamp with time zone,
	"contact_name" text NOT NULL,
	"contact_phone" varchar(20) NOT NULL,
	"status" varchar(12) NOT NULL,
	"pay_minutes" integer DEFAULT 0 NOT NULL,
	"payment_transfer_id" uuid,
	"assigned_org_id" uuid,
	"assigned_user_id" uuid,
	"dispatched_by" uuid,
	"dispatch_due_at" timestamp with time zone NOT NULL,
	"accept_due_at" timestamp with time zone,
	"serve_due_at" timestamp with time zone,
	"helper_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"checkin_at" timestamp with time zone,
	"checkout_at" timestamp with time zone,
	"service_flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"stars" integer,
	"comment" text,
	"rated_by" uuid,
	"rated_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_requests_stars_ck" CHECK ("service_requests"."stars" is null or "service_requests"."stars" between 1 and 5),
	CONSTRAINT "service_requests_pay_ck" CHECK ("service_requests"."pay_minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "wish_claims" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"wish_id" uuid NOT NULL,
	"claimant_id" uuid NOT NULL,
	"claimant_type" varchar(16) NOT NULL,
	"claimant_name" text NOT NULL,
	"status" varchar(12) NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"delivery_note" text,
	"photo_key" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wishes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"title" text NOT NULL,
	"story" text NOT NULL,
	"value_yuan" integer NOT NULL,
	"beneficiary_name" text NOT NULL,
	"beneficiary_phone" varchar(20),
	"beneficiary_address" text,
	"status" varchar(12) NOT NULL,
	"claim_days" integer DEFAULT 14 NOT NULL,
	"created_by" uuid NOT NULL,
	"fulfilled_at" timestamp with time zone,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wishes_value_ck" CHECK ("wishes"."value_yuan" >= 0)
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "service_categories" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "service_request_events_req_idx" ON "service_request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "service_requests_region_status_idx" ON "service_requests" USING btree ("region_code","status","created_at");--> statement-breakpoint
CREATE INDEX "service_requests_resident_idx" ON "service_requests" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE INDEX "service_requests_org_idx" ON "service_requests" USING btree ("assigned_org_id","status");--> statement-breakpoint
CREATE INDEX "service_requests_user_idx" ON "service_requests" USING btree ("assigned_user_id","status");--> statement-breakpoint
CREATE INDEX "service_requests_city_idx" ON "service_requests" USING btree ("city_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "wish_claims_one_open_uq" ON "wish_claims" USING btree ("wish_id") WHERE "wish_claims"."status" in ('active', 'delivered');--> statement-breakpoint
CREATE INDEX "wish_claims_claimant_idx" ON "wish_claims" USING btree ("claimant_id","created_at");--> statement-breakpoint
CREATE INDEX "wish_claims_due_idx" ON "wish_claims" USING btree ("due_at") WHERE "wish_claims"."status" = 'active';--> statement-breakpoint
CREATE INDEX "wishes_region_status_idx" ON "wishes" USING btree ("region_code","status","created_at");--> statement-breakpoint
CREATE INDEX "wishes_city_idx" ON "wishes" USING btree ("city_code","created_at");