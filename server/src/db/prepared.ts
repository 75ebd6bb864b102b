import type { DbOrTx } from './client';

/**
 * A statement built (and, when it is a drizzle `.prepare()`, prepared) once per database handle,
 * then only executed: for the busiest queries, where building the SQL costs more than running
 * it. A transaction is its own handle and builds its own.
 */
export function preparedPerDb<Q>(build: (db: DbOrTx) => Q): (db: DbOrTx) => Q {
  const built = new WeakMap<DbOrTx, Q>();
  return (db) => {
    let q = built.get(db);
    if (!q) {
      q = build(db);
      built.set(db, q);
    }
    return q;
  };
}
