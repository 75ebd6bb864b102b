CREATE TABLE "market_products" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"station_id" uuid NOT NULL,
	"region_code" varchar(15) NOT NULL,
	"name" text NOT NULL,
	"category" varchar(40),
	"description" text,
	"picture_key" text,
	"points_price" integer NOT NULL,
	"stock" integer DEFAULT 0 NOT NULL,
	"monthly_limit_per_person" integer,
	"low_stock_threshold" integer DEFAULT 0 NOT NULL,
	"is_on_shelf" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "market_products_price_ck" CHECK (points_price > 0),
	CONSTRAINT "market_products_stock_ck" CHECK (stock >= 0),
	CONSTRAINT "market_products_limit_ck" CHECK (monthly_limit_per_person is null or monthly_limit_per_person > 0),
	CONSTRAINT "market_products_threshold_ck" CHECK (low_stock_threshold >= 0)
);
--> statement-breakpoint
CREATE TABLE "market_redemptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"station_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"placed_by" uuid NOT NULL,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"product_name" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_points" integer NOT NULL,
	"points" integer NOT NULL,
	"status" varchar(12) NOT NULL,
	"pickup_code" char(6) NOT NULL,
	"pending_transfer_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	CONSTRAINT "market_redemptions_status_ck" CHECK (status in ('reserved', 'fulfilled', 'cancelled', 'expired')),
	CONSTRAINT "market_redemptions_qty_ck" CHECK (quantity > 0 and unit_points > 0 and points = quantity * unit_points),
	CONSTRAINT "market_redemptions_code_ck" CHECK (pickup_code ~ '^[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "market_settings" (
	"station_id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"pickup_days" integer DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "market_settings_days_ck" CHECK (pickup_days between 1 and 90)
);
--> statement-breakpoint
CREATE TABLE "market_stock_movements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_code" char(4) NOT NULL,
	"product_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"kind" varchar(16) NOT NULL,
	"quantity" integer NOT NULL,
	"stock_after" integer NOT NULL,
	"donor_name" text,
	"donor_type" varchar(10),
	"reason" text,
	"redemption_id" uuid,
	"actor_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "market_movements_kind_ck" CHECK (kind in ('initial', 'donation', 'redemption', 'cancellation', 'expiry', 'adjustment', 'stocktake')),
	CONSTRAINT "market_movements_after_ck" CHECK (stock_after >= 0),
	CONSTRAINT "market_movements_sign_ck" CHECK ((kind in ('donation', 'cancellation', 'expiry') and quantity > 0) or (kind = 'redemption' and quantity < 0) or (kind = 'initial' and quantity >= 0) or (kind in ('adjustment', 'stocktake')))
);
--> statement-breakpoint
CREATE INDEX "market_products_station_idx" ON "market_products" USING btree ("station_id","created_at");--> statement-breakpoint
CREATE INDEX "market_products_region_idx" ON "market_products" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "market_redemptions_open_code_uq" ON "market_redemptions" USING btree ("station_id","pickup_code") WHERE status = 'reserved';--> statement-breakpoint
CREATE INDEX "market_redemptions_station_idx" ON "market_redemptions" USING btree ("station_id","created_at");--> statement-breakpoint
CREATE INDEX "market_redemptions_user_idx" ON "market_redemptions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "market_redemptions_limit_idx" ON "market_redemptions" USING btree ("user_id","product_id","created_at");--> statement-breakpoint
CREATE INDEX "market_redemptions_due_idx" ON "market_redemptions" USING btree ("expires_at") WHERE status = 'reserved';--> statement-breakpoint
CREATE INDEX "market_movements_product_idx" ON "market_stock_movements" USING btree ("product_id","created_at");--> statement-breakpoint
CREATE INDEX "market_movements_station_idx" ON "market_stock_movements" USING btree ("station_id","kind","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "market_movements_redemption_uq" ON "market_stock_movements" USING btree ("redemption_id","kind") WHERE redemption_id is not null;