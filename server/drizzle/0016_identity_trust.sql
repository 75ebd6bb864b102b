CREATE TABLE "claim_codes" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"code_hash" char(64) NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_devices" (
	"user_id" uuid NOT NULL,
	"device_id" varchar(64) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "login_devices_user_id_device_id_pk" PRIMARY KEY("user_id","device_id")
);
--> statement-breakpoint
CREATE INDEX "login_devices_seen_idx" ON "login_devices" USING btree ("last_seen_at");
--> statement-breakpoint
-- hand-written (identity)
-- One ID mask everywhere: the first 3 and the last 2 characters (the old mask showed the first 6
-- and the last 4). Both survive in the old masked value, so it is recomputed from it.
UPDATE "users" SET "id_number_masked" = left("id_number_masked", 3) || repeat('*', 13) || right("id_number_masked", 2)
  WHERE "id_number_masked" IS NOT NULL AND "id_number_masked" !~ '^.{3}\*{13}.{2}$';
--> statement-breakpoint
-- Audit entries copied the old mask (and the birth date beside it) into before/after: re-mask
-- them and keep the age only. The log is append-only; the owner lifts the guard for this one fix.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";
--> statement-breakpoint
UPDATE "audit_log" SET
  "before" = CASE WHEN jsonb_typeof("before") = 'object' AND jsonb_typeof("before"->'idNumberMasked') = 'string'
    THEN jsonb_set("before", '{idNumberMasked}', to_jsonb(left("before"->>'idNumberMasked', 3) || repeat('*', 13) || right("before"->>'idNumberMasked', 2))) - 'birthDate'
    ELSE "before" END,
  "after" = CASE WHEN jsonb_typeof("after") = 'object' AND jsonb_typeof("after"->'idNumberMasked') = 'string'
    THEN jsonb_set("after", '{idNumberMasked}', to_jsonb(left("after"->>'idNumberMasked', 3) || repeat('*', 13) || right("after"->>'idNumberMasked', 2))) - 'birthDate'
    ELSE "after" END
  WHERE (jsonb_typeof("before") = 'object' AND "before" ? 'idNumberMasked') OR (jsonb_typeof("after") = 'object' AND "after" ? 'idNumberMasked');
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";
