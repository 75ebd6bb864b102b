-- A year's partition cannot be made while the DEFAULT partition holds rows of that year (PostgreSQL
-- refuses it), and the partitions are made at every start: a server that ran past the years made
-- for it (more than two years without a restart) would then fail to start. The year is skipped
-- instead, with a warning; its rows stay, working, in DEFAULT until they are moved by hand.
CREATE OR REPLACE FUNCTION aixin_year_partitions(y int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  lo uuid := aixin_uuid7_floor(make_date(y, 1, 1)::timestamp AT TIME ZONE 'UTC' - interval '8 hours');
  hi uuid := aixin_uuid7_floor(make_date(y + 1, 1, 1)::timestamp AT TIME ZONE 'UTC' - interval '8 hours');
  t text;
  k text;
  held boolean;
BEGIN
  FOREACH t IN ARRAY ARRAY['attendance', 'service_records', 'ledger_transfers'] LOOP
    IF to_regclass(format('public.%I', t || '_y' || y)) IS NULL THEN
      k := CASE t WHEN 'attendance' THEN 'activity_id' ELSE 'id' END;
      held := false;
      IF to_regclass(format('public.%I', t || '_default')) IS NOT NULL THEN
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I WHERE %I >= %L AND %I < %L)', t || '_default', k, lo, k, hi) INTO held;
      END IF;
      IF held THEN
        RAISE WARNING 'aixin: %_default holds rows of %; the partition %_y% is not made until they are moved', t, y, t, y;
      ELSE
        EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES FROM (%L) TO (%L)', t || '_y' || y, t, lo, hi);
      END IF;
    END IF;
  END LOOP;
END;
$$;
