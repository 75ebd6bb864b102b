import crypto from 'node:crypto';
import { UUID, uuidv7 } from 'uuidv7';

/** Time-ordered ids made by the application (UUIDv7), so inserts stay local in indexes. */
export function newId(): string {
  return uuidv7();
}

/**
 * A UUIDv7 of a past moment, for history loaded later (the benchmark's city, imports): tables
 * partitioned by year put a row by its id's time, so history minted now would all land in this year.
 */
export function newIdAt(at: Date | number): string {
  const r = crypto.randomBytes(10);
  return UUID.fromFieldsV7(typeof at === 'number' ? at : at.getTime(), r.readUInt16BE(0) & 0xfff, r.readUInt32BE(2) & 0x3fffffff, r.readUInt32BE(6)).toString();
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}
