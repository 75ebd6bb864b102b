import crypto from 'node:crypto';
import type { Actor, AppContext } from '../../context';
import { withTx, type Db, type DbOrTx } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { regionLevel } from '@shared/lib/region-code';
import { isWellFormedText } from '@shared/lib/text';
import type { Ledger, LedgerChainHead, LedgerVerifyResult, LedgerVerifyScope } from '@shared/schemas/ledger';
import { hitRateLimit } from '../../plugins/rate-limit';
import { regionScopes } from '../access/index';
import { findRegion, subtreeCodes } from '../regions/index';
import { LEDGER_VERIFY } from './ledger.policy';
import * as repo from './proof.repository';
import * as archiveRepo from './archive.repository';
import type { ArchivedYearRow } from './archive.repository';
import { GENESIS_HASH, type HeadRow, type LinkRow } from './proof.repository';
import type { TransferRow } from './ledger.repository';

/**
 * The proof that the books are true.
 *
 * 1. A hash chain per (city, ledger): the sealer appends each committed transfer to its chain
 *    (`ledger_chain_links`), hashing a canonical byte encoding of every field of the transfer and
 *    the previous link's hash. Chains written by the first release (version 1, a JSON encoding)
 *    still verify with their own rule.
 * 2. `verifyLedger` recomputes: every account's columns from its transfers, each ledger summing to
 *    zero, every chain link by link ending at its head, every transfer in exactly one chain, the
 *    open reservations.
 * 3. Anchors: the chain heads signed with an Ed25519 key kept OUTSIDE the database (`aixin ledger
 *    anchor`). Whoever owns the database can rewrite rows and recompute every hash, but cannot
 *    make a rewritten chain pass through a head that was anchored before (`verify --anchors`).
 */

// ——— canonical encodings ———

/** Version 1 (first release): sha256(prevHash + "\n" + JSON of the fields). Kept to verify old links. */
export function canonicalTransferV1(t: TransferRow, seq: number): string {
  return JSON.stringify([
    t.id,
    t.cityCode,
    t.ledger,
    seq,
    t.debitAccountId,
    t.creditAccountId,
    t.amount,
    t.code,
    t.status,
    t.pendingId,
    t.reversesId,
    t.timeoutAt ? t.timeoutAt.toISOString() : null,
    t.actorId,
    t.objectType,
    t.objectId,
    t.memo,
    t.idempotencyKey,
    t.requestHash,
    t.debitBalanceAfter,
    t.creditBalanceAfter,
    t.createdAt.toISOString(),
  ]);
}

export function linkHashV1(prevHash: string, t: TransferRow, seq: number): string {
  return crypto.createHash('sha256').update(prevHash + '\n' + canonicalTransferV1(t, seq)).digest('hex');
}

const V2_DOMAIN = Buffer.from('aixin/ledger-transfer/v2\n', 'utf8');

type FieldValue = string | number | Date | null;

/**
 * Version 2: the exact bytes of every field in a fixed order, independent of JSON and string
 * escapes. Each field is a type byte and then: null `00`; text `01` + 4-byte big-endian length +
 * UTF-8; integer `02` + 8-byte big-endian; time `03` + milliseconds since 1970, 8 bytes.
 */
export function canonicalTransferV2(t: TransferRow, seq: number): Buffer {
  const fields: FieldValue[] = [
    t.id,
    t.cityCode,
    t.ledger,
    seq,
    t.debitAccountId,
    t.creditAccountId,
    t.amount,
    t.code,
    t.status,
    t.pendingId,
    t.reversesId,
    t.timeoutAt,
    t.actorId,
    t.objectType,
    t.objectId,
    t.memo,
    t.idempotencyKey,
    t.requestHash,
    t.debitBalanceAfter,
    t.creditBalanceAfter,
    t.createdAt,
  ];
  // one buffer, sized first: the proof hashes millions of these
  let size = V2_DOMAIN.length;
  for (const v of fields) size += v === null ? 1 : typeof v === 'string' ? 5 + Buffer.byteLength(v, 'utf8') : 9;
  const out = Buffer.allocUnsafe(size);
  let o = V2_DOMAIN.copy(out, 0);
  for (const v of fields) {
    if (v === null) {
      out[o++] = 0;
    } else if (typeof v === 'string') {
      // a string read back from PostgreSQL is always well-formed; refuse anything else rather than let
      // the encoder replace it silently (what broke the first release's chains)
      if (!isWellFormedText(v)) throw new Error('a ledger field holds a string that is not valid Unicode');
      out[o] = 1;
      const n = out.write(v, o + 5, 'utf8');
      out.writeUInt32BE(n, o + 1);
      o += 5 + n;
    } else if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) throw new Error(`a ledger field holds a number that is not a safe integer: ${v}`);
      out[o] = 2;
      out.writeBigInt64BE(BigInt(v), o + 1);
      o += 9;
    } else {
      out[o] = 3;
      out.writeBigInt64BE(BigInt(v.getTime()), o + 1);
      o += 9;
    }
  }
  return out;
}

export function linkHashV2(prevHash: string, t: TransferRow, seq: number): string {
  return crypto.createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(canonicalTransferV2(t, seq)).digest('hex');
}

export const CURRENT_LINK_VERSION = 2;

export function linkHash(version: number, prevHash: string, t: TransferRow, seq: number): string {
  return version === 1 ? linkHashV1(prevHash, t, seq) : linkHashV2(prevHash, t, seq);
}

/**
 * The first release hashed a memo as the request gave it, and PostgreSQL stored a lone UTF-16
 * surrogate as U+FFFD, so one such memo broke its chain for ever. A version-1 link whose only
 * difference is one U+FFFD in a text field is accepted when the hash matches with that character
 * put back as the lone surrogate it must have been (2,048 candidates). Returns the field repaired.
 */
export function repairV1Link(link: Pick<LinkRow, 'prevHash' | 'hash' | 'seq'>, t: TransferRow): string | null {
  const textFields = ['memo', 'idempotencyKey', 'objectId', 'objectType', 'code'] as const;
  const withFffd = textFields.filter((f) => (t[f] ?? '').includes('\uFFFD'));
  const occurrences = withFffd.reduce((n, f) => n + ((t[f] ?? '').split('\uFFFD').length - 1), 0);
  if (occurrences !== 1) return null;
  const field = withFffd[0]!;
  const value = t[field] as string;
  for (let cu = 0xd800; cu <= 0xdfff; cu++) {
    const candidate = { ...t, [field]: value.replace('\uFFFD', String.fromCharCode(cu)) } as TransferRow;
    if (linkHashV1(link.prevHash, candidate, link.seq) === link.hash) return field;
  }
  return null;
}

// ——— sealing ———

const SEAL_BATCH = 1000;

/**
 * Appends the queued transfers of one chain to it, in batches, under the chain head's lock (one
 * sealer per chain at a time; with `skipLocked` a chain another process is sealing is left to it).
 * Hashes what the database holds, so the proof can never disagree with the stored row.
 */
export async function sealChain(db: Db, cityCode: string, ledger: string, now: Date, opts: { skipLocked?: boolean; maxBatches?: number } = {}): Promise<number> {
  let sealed = 0;
  for (let batch = 0; batch < (opts.maxBatches ?? Number.MAX_SAFE_INTEGER); batch++) {
    const n = await withTx(db, async (tx) => {
      const head = await repo.lockHeadForSealing(tx, cityCode, ledger, now, opts.skipLocked ?? false);
      if (!head) return -1;
      const queued = await repo.queuedTransfers(tx, cityCode, ledger, SEAL_BATCH);
      if (queued.length === 0) return 0;
      let seq = head.seq;
      let prev = head.hash;
      const links: LinkRow[] = [];
      for (const t of queued) {
        seq += 1;
        const hash = linkHashV2(prev, t, seq);
        links.push({ cityCode, ledger, seq, transferId: t.id, prevHash: prev, hash, version: CURRENT_LINK_VERSION, sealedAt: now });
        prev = hash;
      }
      await repo.insertLinks(tx, links);
      await repo.dequeue(tx, queued.map((t) => t.id));
      await repo.advanceHead(tx, { cityCode, ledger, fromSeq: head.seq, seq, hash: prev, at: now });
      return queued.length;
    });
    if (n <= 0) break;
    sealed += n;
    if (n < SEAL_BATCH) break;
  }
  return sealed;
}

/** Seals every chain with queued transfers. Returns how many transfers were sealed. */
export async function sealAll(db: Db, now: Date, opts: { skipLocked?: boolean } = {}): Promise<number> {
  let total = 0;
  for (const c of await repo.chainsWithQueue(db)) total += await sealChain(db, c.cityCode, c.ledger, now, opts);
  return total;
}

/**
 * The sealer of a running server: every `everyMs` it seals what was committed since. Several
 * processes may run it; each chain is sealed by one at a time (the others skip it).
 */
export function startSealer(ctx: AppContext, everyMs = 500): () => void {
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      if (await repo.hasQueued(ctx.db)) await sealAll(ctx.db, ctx.clock.now(), { skipLocked: true });
    } catch (err) {
      ctx.log.error({ err }, 'ledger sealer failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

// ——— anchors ———

export interface Anchor {
  v: 1;
  at: string;
  cityCode: string;
  ledger: string;
  seq: number;
  hash: string;
  keyId: string;
  sig: string;
}

function anchorMessage(a: Pick<Anchor, 'at' | 'cityCode' | 'ledger' | 'seq' | 'hash'>): Buffer {
  return Buffer.from(`aixin/ledger-anchor/v1\n${a.cityCode}\n${a.ledger}\n${a.seq}\n${a.hash}\n${a.at}`, 'utf8');
}

/** A short, stable name of a public key: the first 16 hex digits of the sha256 of its DER. */
export function keyIdOf(publicKey: crypto.KeyObject): string {
  return crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** A new Ed25519 key pair for anchors, as PEM (the private one goes somewhere the database owner cannot reach). */
export function createAnchorKeyPair(): { privatePem: string; publicPem: string; keyId: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

export function loadAnchorKeys(pem: string): { privateKey: crypto.KeyObject | null; publicKey: crypto.KeyObject } {
  if (pem.includes('PRIVATE KEY')) {
    const privateKey = crypto.createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the anchor key must be an Ed25519 key');
    return { privateKey, publicKey: crypto.createPublicKey(privateKey) };
  }
  const publicKey = crypto.createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('the anchor key must be an Ed25519 key');
  return { privateKey: null, publicKey };
}

/** Signs the chain heads: one anchor per chain. */
export function signHeads(heads: readonly LedgerChainHead[], privateKey: crypto.KeyObject, at: Date): Anchor[] {
  const keyId = keyIdOf(crypto.createPublicKey(privateKey));
  return heads.map((h) => {
    const base = { at: at.toISOString(), cityCode: h.cityCode, ledger: h.ledger, seq: h.seq, hash: h.hash };
    return { v: 1 as const, ...base, keyId, sig: crypto.sign(null, anchorMessage(base), privateKey).toString('base64') };
  });
}

/** Reads an anchor file (one JSON object per line; blank lines and `#` comments skipped). */
export function parseAnchors(text: string): Anchor[] {
  const out: Anchor[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const s = line.trim();
    if (!s || s.startsWith('#')) return;
    let a: Anchor;
    try {
      a = JSON.parse(s) as Anchor;
    } catch {
      throw new Error(`anchor file line ${i + 1}: not JSON`);
    }
    if (a.v !== 1 || typeof a.cityCode !== 'string' || typeof a.ledger !== 'string' || !Number.isSafeInteger(a.seq) || typeof a.hash !== 'string' || typeof a.sig !== 'string') {
      throw new Error(`anchor file line ${i + 1}: not an anchor`);
    }
    out.push(a);
  });
  return out;
}

export function anchorSignatureValid(a: Anchor, publicKey: crypto.KeyObject): boolean {
  try {
    return crypto.verify(null, anchorMessage(a), publicKey, Buffer.from(a.sig, 'base64'));
  } catch {
    return false;
  }
}

/** The heads of every chain, sealed first: what `aixin ledger anchor` signs. */
export async function currentHeads(db: Db, now: Date): Promise<LedgerChainHead[]> {
  await sealAll(db, now);
  return (await repo.listHeads(db)).map(toHead);
}

const toHead = (h: HeadRow): LedgerChainHead => ({ cityCode: h.cityCode, ledger: h.ledger as Ledger, seq: h.seq, hash: h.hash });

// ——— verification ———

type Problem = LedgerVerifyResult['problems'][number];

export interface VerifyOptions {
  scope?: LedgerVerifyScope & { regionPath?: string };
  anchors?: readonly Anchor[];
  anchorKey?: crypto.KeyObject;
  /** When to stamp the links the sealer writes first. */
  now?: Date;
}

const ALL: LedgerVerifyScope = { kind: 'all', regionCode: null, cityCodes: [] };

/**
 * Proves the ledger (or the part in scope). Seals what is queued first, then reads one snapshot
 * (repeatable read) for every check; reads only.
 */
export async function verifyLedger(db: Db, opts: VerifyOptions = {}): Promise<LedgerVerifyResult> {
  const scope = opts.scope ?? ALL;
  await sealAll(db, opts.now ?? new Date());
  return withTx(db, (tx) => verifyIn(tx, scope, opts), { isolation: 'repeatable read' });
}

async function verifyIn(db: DbOrTx, scope: LedgerVerifyScope & { regionPath?: string }, opts: VerifyOptions): Promise<LedgerVerifyResult> {
  const problems: Problem[] = [];
  const notes: string[] = [];
  const cities = scope.kind === 'cities' ? scope.cityCodes : undefined;
  const accountScope: repo.AccountScope = scope.kind === 'subtree' ? { personRegionPath: scope.regionPath! } : cities ? { cityCodes: cities } : {};

  for (const m of await repo.accountMismatches(db, accountScope)) {
    problems.push({ kind: 'account_mismatch', message: `account ${String(m.id)} does not match its transfers`, details: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])) });
  }
  const accounts = await repo.countAccounts(db, accountScope);
  let transfers = 0;
  let heads: LedgerChainHead[] = [];

  if (scope.kind === 'subtree') {
    transfers = await verifySubtreeLinks(db, scope.regionPath!, problems, notes);
  } else {
    for (const o of await repo.orphanTransfers(db, cities)) problems.push({ kind: 'orphan_transfer', message: `transfer ${o.id} names a missing account`, details: { id: o.id } });
    if (scope.kind === 'all') {
      for (const t of await repo.ledgerTotals(db)) {
        if (t.balance !== 0) problems.push({ kind: 'ledger_unbalanced', message: `ledger ${t.ledger}: balances sum to ${t.balance}, not 0`, details: t });
        if (t.pendingDebits !== t.pendingCredits) problems.push({ kind: 'pending_unbalanced', message: `ledger ${t.ledger}: pending debits ${t.pendingDebits} ≠ pending credits ${t.pendingCredits}`, details: t });
      }
    }
    const headRows = await repo.listHeads(db, cities);
    heads = headRows.map(toHead);
    const archived = await archiveRepo.archivedYears(db);
    for (const h of headRows) await verifyChain(db, h, archived, problems, notes);
    const archivedCounts = await archiveRepo.archivedChainCounts(db);
    for (const c of await repo.chainCoverage(db, cities)) {
      transfers += c.transfers;
      const gone = archivedCounts.get(`${c.cityCode}/${c.ledger}`) ?? 0;
      if (c.transfers + gone !== c.links) {
        problems.push({ kind: 'transfer_outside_chain', message: `chain ${c.cityCode}/${c.ledger}: ${c.transfers} transfers${gone ? ` (and ${gone} archived)` : ''} but ${c.links} links`, details: { ...c, archived: gone } });
      }
    }
    if (archived.length) notes.push(`archived years (their transfers are in the archive files; each link's hash is pinned by the next): ${archived.map((a) => a.year).join(', ')}`);
    for (const p of await repo.openPendingMismatches(db, cities)) {
      problems.push({ kind: 'open_reservation_mismatch', message: `reservation ${p.id}: ${p.problem === 'missing' ? 'open but not listed' : 'listed but not open'}`, details: p });
    }
  }

  let anchorsChecked: number | undefined;
  if (opts.anchors) {
    anchorsChecked = 0;
    for (const a of opts.anchors) {
      if (cities && !cities.includes(a.cityCode)) continue;
      anchorsChecked++;
      checkAnchor(a, opts.anchorKey ?? null, problems);
      const link = await repo.linkAt(db, a.cityCode, a.ledger, a.seq);
      if (!link) problems.push({ kind: 'anchor_missing', message: `anchored link ${a.cityCode}/${a.ledger}#${a.seq} (${a.at}) no longer exists: the chain was cut back`, details: { ...a } });
      else if (link.hash !== a.hash) problems.push({ kind: 'anchor_mismatch', message: `anchored link ${a.cityCode}/${a.ledger}#${a.seq} (${a.at}) has another hash now: the chain was rewritten`, details: { anchored: a.hash, found: link.hash } });
    }
  }

  return {
    ok: problems.length === 0,
    accounts,
    transfers,
    problems,
    scope: { kind: scope.kind, regionCode: scope.regionCode, cityCodes: scope.cityCodes },
    heads,
    ...(notes.length ? { notes } : {}),
    ...(anchorsChecked !== undefined ? { anchorsChecked } : {}),
  };
}

function checkAnchor(a: Anchor, key: crypto.KeyObject | null, problems: Problem[]) {
  if (!key) {
    problems.push({ kind: 'anchor_unchecked', message: 'anchors given without the public key to check their signatures', details: { keyId: a.keyId } });
    return;
  }
  if (a.keyId !== keyIdOf(key)) problems.push({ kind: 'anchor_key', message: `anchor ${a.cityCode}/${a.ledger}#${a.seq} was signed with another key (${a.keyId})`, details: { keyId: a.keyId } });
  else if (!anchorSignatureValid(a, key)) problems.push({ kind: 'anchor_signature', message: `anchor ${a.cityCode}/${a.ledger}#${a.seq}: the signature does not match (the anchor file was altered)`, details: { ...a } });
}

async function verifyChain(db: DbOrTx, head: HeadRow, archived: readonly ArchivedYearRow[], problems: Problem[], notes: string[]) {
  const inArchive = (id: string) => archived.some((a) => id >= a.lo && id < a.hi);
  let prev = GENESIS_HASH;
  let seq = 0;
  const name = `${head.cityCode}/${head.ledger}`;
  for (;;) {
    const page = await repo.chainPage(db, head.cityCode, head.ledger, seq, 2000);
    for (const { link, transfer: t } of page) {
      if (link.seq !== seq + 1) problems.push({ kind: 'chain_gap', message: `chain ${name}: seq ${seq + 1} missing`, details: { expected: seq + 1, found: link.seq } });
      if (link.prevHash !== prev) problems.push({ kind: 'chain_broken', message: `chain ${name}#${link.seq}: prev_hash does not link to the previous link`, details: { seq: link.seq } });
      if (t) checkLinkHash(name, link, t, problems, notes);
      else if (!inArchive(link.transferId)) problems.push({ kind: 'link_without_transfer', message: `chain ${name}#${link.seq}: its transfer ${link.transferId} is gone`, details: { seq: link.seq, transferId: link.transferId } });
      prev = link.hash;
      seq = link.seq;
    }
    if (page.length < 2000) break;
  }
  if (seq !== head.seq || prev !== head.hash) {
    problems.push({ kind: 'chain_head_mismatch', message: `chain ${name}: ends at ${seq}, head says ${head.seq}`, details: { cityCode: head.cityCode, ledger: head.ledger, lastSeq: seq, headSeq: head.seq } });
  }
}

function checkLinkHash(name: string, link: LinkRow, t: TransferRow, problems: Problem[], notes: string[]) {
  if (link.cityCode !== t.cityCode || link.ledger !== t.ledger) {
    problems.push({ kind: 'link_misplaced', message: `chain ${name}#${link.seq}: transfer ${t.id} belongs to ${t.cityCode}/${t.ledger}`, details: { id: t.id } });
    return;
  }
  let computed: string;
  try {
    computed = linkHash(link.version, link.prevHash, t, link.seq);
  } catch (err) {
    problems.push({ kind: 'hash_mismatch', message: `transfer ${t.id}: ${(err as Error).message}`, details: { id: t.id, seq: link.seq } });
    return;
  }
  if (computed === link.hash) return;
  if (link.version === 1) {
    const field = repairV1Link(link, t);
    if (field) {
      notes.push(`chain ${name}#${link.seq}: a first-release link matches with one replaced character in ${field} restored (transfer ${t.id})`);
      return;
    }
  }
  problems.push({ kind: 'hash_mismatch', message: `transfer ${t.id}: fields do not match its hash (edited?)`, details: { id: t.id, seq: link.seq } });
}

/** Subtree proof: the chain link of every transfer touching an account in scope recomputes and follows its predecessor. */
async function verifySubtreeLinks(db: DbOrTx, regionPath: string, problems: Problem[], notes: string[]): Promise<number> {
  let after: string | null = null;
  let n = 0;
  for (;;) {
    const page = await repo.scopedLinks(db, regionPath, after, 2000);
    for (const { transfer: t, link, priorHash } of page) {
      n++;
      if (!link) {
        problems.push({ kind: 'transfer_outside_chain', message: `transfer ${t.id} is in no chain`, details: { id: t.id } });
        continue;
      }
      const name = `${link.cityCode}/${link.ledger}`;
      const expectedPrev = link.seq === 1 ? GENESIS_HASH : priorHash;
      if (expectedPrev === null) problems.push({ kind: 'chain_gap', message: `chain ${name}: seq ${link.seq - 1} missing`, details: { seq: link.seq - 1 } });
      else if (link.prevHash !== expectedPrev) problems.push({ kind: 'chain_broken', message: `chain ${name}#${link.seq}: prev_hash does not link to the previous link`, details: { seq: link.seq } });
      checkLinkHash(name, link, t, problems, notes);
    }
    if (page.length < 2000) break;
    after = page[page.length - 1]!.transfer.id;
  }
  return n;
}

// ——— who proves what ———

/**
 * Staff run the proof over their own scope: an admin of a root region proves everything; an admin
 * whose region is a province or a city proves the whole books of the cities inside it; an admin
 * below a city proves the accounts of the people living in their region and the chain links of
 * their transfers. Expensive, so rate-limited per person.
 */
export async function verifyLedgerAsStaff(ctx: AppContext, actor: Actor, regionCode?: string): Promise<LedgerVerifyResult> {
  const paths = regionScopes(actor, LEDGER_VERIFY.roles);
  if (paths.length === 0) throw new AppError('FORBIDDEN', '只有区域管理员可以运行账本校验 / Only region admins run the ledger proof', { permission: LEDGER_VERIFY.name });
  let path: string;
  if (regionCode) {
    const r = await findRegion(ctx.db, regionCode);
    if (!r) throw new AppError('NOT_FOUND', `未知地区 ${regionCode} / Unknown region`);
    if (!paths.some((p) => r.path.startsWith(p))) throw new AppError('FORBIDDEN', '该地区不在您的管理范围内 / That region is outside your scope', { permission: LEDGER_VERIFY.name });
    path = r.path;
  } else {
    path = [...paths].sort((a, b) => a.length - b.length)[0]!;
  }
  await hitRateLimit(ctx.db, `ledger-verify:${actor.userId}`, 20, 3600, ctx.clock.now());
  const codes = path.split('/').filter(Boolean);
  const code = codes[codes.length - 1]!;
  let scope: LedgerVerifyScope & { regionPath?: string };
  if (codes.length === 1) scope = { kind: 'all', regionCode: code, cityCodes: [] };
  else if (regionLevel(code) <= 2) scope = { kind: 'cities', regionCode: code, cityCodes: await repoCities(ctx.db, path) };
  else scope = { kind: 'subtree', regionCode: code, cityCodes: [code.slice(0, 4)], regionPath: path };
  return verifyLedger(ctx.db, { scope, now: ctx.clock.now() });
}

async function repoCities(db: DbOrTx, path: string): Promise<string[]> {
  const codes = await subtreeCodes(db, path);
  return [...new Set(codes.map((c) => c.slice(0, 4)))].sort();
}
