/** Days of a month for attendance (China dates, YYYY-MM-DD): pure, unit-tested. */

export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * The working days (Monday to Friday) a worker was expected at the post in a month: from the later
 * of the month's first day and the start, to the earliest of the month's last day, the end and
 * today; days the post was closed do not count. Public holidays are not modelled (see
 * lib/working-days): the supervisor marks them closed.
 */
export function expectedDays(month: string, o: { startedOn: string | null; endedOn: string | null; today: string; closed: ReadonlySet<string> }): string[] {
  if (!o.startedOn) return [];
  const b = monthBounds(month);
  const from = o.startedOn > b.from ? o.startedOn : b.from;
  let to = b.to;
  if (o.endedOn && o.endedOn < to) to = o.endedOn;
  if (o.today < to) to = o.today;
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6 && !o.closed.has(day)) out.push(day);
  }
  return out;
}
