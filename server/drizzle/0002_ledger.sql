CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"ledger" varchar(8) NOT NULL,
	"kind" varchar(8) NOT NULL,
	"owner_user_id" uuid,
	"region_code" varchar(15),
	"purpose" varchar(20),
	"balance" bigint DEFAULT 0 NOT NULL,
	"pending_debits" bigint DEFAULT 0 NOT NULL,
	"pending_credits" bigint DEFAULT 0 NOT NULL,
	"debits_posted" bigint DEFAULT 0 NOT NULL,
	"credits_posted" bigint DEFAULT 0 NOT NULL,
	"flags" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_accounts_ledger_ck" CHECK (ledger in ('points', 'time')),
	CONSTRAINT "ledger_accounts_kind_ck" CHECK ((kind = 'person' and owner_user_id is not null and region_code is null and purpose is null and flags & 1 = 0)
       or (kind = 'system' and owner_user_id is null and region_code is not null
           and purpose in ('issuance', 'supermarket', 'public_pool', 'escrow', 'service_payment'))),
	CONSTRAINT "ledger_accounts_no_overdraft_ck" CHECK (flags & 1 = 1 or balance - pending_debits >= 0),
	CONSTRAINT "ledger_accounts_balance_ck" CHECK (balance = credits_posted - debits_posted),
	CONSTRAINT "ledger_accounts_nonneg_ck" CHECK (pending_debits >= 0 and pending_credits >= 0 and debits_posted >= 0 and credits_posted >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_chain_heads" (
	"city_code" char(4) NOT NULL,
	"ledger" varchar(8) NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"hash" char(64) NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"points_per_hour" integer DEFAULT 10 NOT NULL,
	"rounding" varchar(20) DEFAULT 'up_half_hour' NOT NULL,
	"daily_cap_minutes" integer DEFAULT 720 NOT NULL,
	"credits_points" boolean DEFAULT true NOT NULL,
	"credits_time" boolean DEFAULT true NOT NULL,
	"storage_cap_minutes" integer,
	"withdraw_min_age" integer DEFAULT 60 NOT NULL,
	"family_transfer_enabled" boolean DEFAULT true NOT NULL,
	"family_transfer_max_per_year_minutes" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_policies_rounding_ck" CHECK (rounding in ('up_half_hour', 'up_hour', 'nearest_half_hour', 'down_half_hour', 'exact')),
	CONSTRAINT "ledger_policies_numbers_ck" CHECK (points_per_hour >= 0 and daily_cap_minutes >= 0 and (storage_cap_minutes is null or storage_cap_minutes >= 0)
       and withdraw_min_age >= 0 and (family_transfer_max_per_year_minutes is null or family_transfer_max_per_year_minutes >= 0))
);
--> statement-breakpoint
CREATE TABLE "ledger_service_credits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"user_id" uuid NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"service_day" date NOT NULL,
	"measured_minutes" integer NOT NULL,
	"credited_minutes" integer NOT NULL,
	"time_minutes" integer NOT NULL,
	"overflow_minutes" integer NOT NULL,
	"points" integer NOT NULL,
	"policy_id" uuid,
	"object_type" varchar(40),
	"object_id" varchar(64),
	"idempotency_key" varchar(200) NOT NULL,
	"request_hash" char(64) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_service_credits_ck" CHECK (measured_minutes >= 0 and credited_minutes >= 0 and time_minutes >= 0 and overflow_minutes >= 0 and points >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"ledger" varchar(8) NOT NULL,
	"debit_account_id" uuid NOT NULL,
	"credit_account_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"code" varchar(24) NOT NULL,
	"status" varchar(16) NOT NULL,
	"pending_id" uuid,
	"reverses_id" uuid,
	"timeout_at" timestamp with time zone,
	"actor_id" uuid,
	"object_type" varchar(40),
	"object_id" varchar(64),
	"memo" text,
	"idempotency_key" varchar(200),
	"request_hash" char(64) NOT NULL,
	"debit_balance_after" bigint NOT NULL,
	"credit_balance_after" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"seq" bigint NOT NULL,
	"prev_hash" char(64) NOT NULL,
	"hash" char(64) NOT NULL,
	CONSTRAINT "ledger_transfers_amount_ck" CHECK (amount > 0),
	CONSTRAINT "ledger_transfers_ledger_ck" CHECK (ledger in ('points', 'time')),
	CONSTRAINT "ledger_transfers_accounts_ck" CHECK (debit_account_id <> credit_account_id),
	CONSTRAINT "ledger_transfers_status_ck" CHECK (status in ('posted', 'pending', 'post_pending', 'void_pending', 'expired')),
	CONSTRAINT "ledger_transfers_pending_link_ck" CHECK ((status in ('post_pending', 'void_pending', 'expired')) = (pending_id is not null)),
	CONSTRAINT "ledger_transfers_timeout_ck" CHECK (status = 'pending' or timeout_at is null)
);
--> statement-breakpoint
CREATE TABLE "relatives" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"user_id" uuid NOT NULL,
	"relative_user_id" uuid NOT NULL,
	"relation" varchar(12) NOT NULL,
	"status" varchar(10) DEFAULT 'pending' NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "relatives_relation_ck" CHECK (relation in ('spouse', 'parent', 'child', 'grandparent', 'grandchild')),
	CONSTRAINT "relatives_status_ck" CHECK (status in ('pending', 'verified', 'rejected')),
	CONSTRAINT "relatives_not_self_ck" CHECK (user_id <> relative_user_id)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_person_uq" ON "ledger_accounts" USING btree ("ledger","owner_user_id") WHERE kind = 'person';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_system_uq" ON "ledger_accounts" USING btree ("ledger","region_code","purpose") WHERE kind = 'system';--> statement-breakpoint
CREATE INDEX "ledger_accounts_city_idx" ON "ledger_accounts" USING btree ("city_code","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_chain_heads_pk" ON "ledger_chain_heads" USING btree ("city_code","ledger");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_policies_region_from_uq" ON "ledger_policies" USING btree ("region_code","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_service_credits_idem_uq" ON "ledger_service_credits" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "ledger_service_credits_user_day_idx" ON "ledger_service_credits" USING btree ("user_id","service_day");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfers_idem_uq" ON "ledger_transfers" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfers_chain_uq" ON "ledger_transfers" USING btree ("city_code","ledger","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfers_pending_uq" ON "ledger_transfers" USING btree ("pending_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfers_reverses_uq" ON "ledger_transfers" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "ledger_transfers_debit_idx" ON "ledger_transfers" USING btree ("debit_account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ledger_transfers_credit_idx" ON "ledger_transfers" USING btree ("credit_account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ledger_transfers_object_idx" ON "ledger_transfers" USING btree ("object_type","object_id");--> statement-breakpoint
CREATE INDEX "ledger_transfers_timeout_idx" ON "ledger_transfers" USING btree ("timeout_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "relatives_pair_uq" ON "relatives" USING btree ("user_id","relative_user_id") WHERE status <> 'rejected';--> statement-breakpoint
CREATE INDEX "relatives_relative_idx" ON "relatives" USING btree ("relative_user_id","user_id");