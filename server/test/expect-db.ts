/** The database's own message for a failed statement (drizzle wraps it in `cause`). */
export async function dbError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const e = err as { message?: string; cause?: { message?: string } };
    return `${e.cause?.message ?? ''} ${e.message ?? ''}`;
  }
  throw new Error('expected the database to refuse the statement');
}
