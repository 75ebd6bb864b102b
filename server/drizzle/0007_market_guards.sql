-- Stock movements are the history of the shelf: appended, never changed (aixin_refuse_change() is from 0001).
CREATE TRIGGER market_stock_movements_append_only BEFORE UPDATE OR DELETE ON market_stock_movements
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();
--> statement-breakpoint
CREATE TRIGGER market_stock_movements_no_truncate BEFORE TRUNCATE ON market_stock_movements
  FOR EACH STATEMENT EXECUTE FUNCTION aixin_refuse_change();
