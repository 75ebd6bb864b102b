import { describe, expect, it } from 'vitest';
import { canonicalTransferV2, linkHashV1, linkHashV2, repairV1Link } from './ledger.proof';
import type { TransferRow } from './ledger.repository';

const t: TransferRow = {
  id: '019ab000-0000-7000-8000-000000000001',
  cityCode: '1405',
  ledger: 'points',
  debitAccountId: '019ab000-0000-7000-8000-00000000000a',
  creditAccountId: '019ab000-0000-7000-8000-00000000000b',
  amount: 25,
  code: 'earned',
  status: 'posted',
  pendingId: null,
  reversesId: null,
  timeoutAt: null,
  actorId: null,
  objectType: 'service_record',
  objectId: 'sr-1',
  memo: '服务 140 分钟 🧡',
  idempotencyKey: 'service-record:sr-1:points',
  requestHash: 'a'.repeat(64),
  debitBalanceAfter: -25,
  creditBalanceAfter: 25,
  createdAt: new Date('2026-11-25T01:02:03.456Z'),
};

describe('the canonical encoding of a transfer (version 2)', () => {
  it('is pinned: these bytes and this hash may never change, or every sealed chain would fail', () => {
    const bytes = canonicalTransferV2(t, 7);
    expect(bytes.subarray(0, 25).toString('utf8')).toBe('aixin/ledger-transfer/v2\n');
    // the id: type 01, length 36, then its text
    expect([...bytes.subarray(25, 30)]).toEqual([1, 0, 0, 0, 36]);
    expect(bytes.length).toBe(394);
    expect(linkHashV2('0'.repeat(64), t, 7)).toBe(linkHashV2('0'.repeat(64), { ...t }, 7));
    expect(linkHashV2('0'.repeat(64), t, 7)).toMatchInlineSnapshot(`"dfc7eeeaddeea76cd3d8b2c6c41c7ca7aa590d27c5f9cb50e4619befafd600fe"`);
  });

  it('tells apart what JSON would confuse: a null from the text "null", 1 from "1", field boundaries', () => {
    const h = (x: Partial<TransferRow>) => linkHashV2('0'.repeat(64), { ...t, ...x }, 1);
    expect(h({ memo: null })).not.toBe(h({ memo: 'null' }));
    expect(h({ objectType: 'ab', objectId: 'c' })).not.toBe(h({ objectType: 'a', objectId: 'bc' }));
    expect(h({ amount: 1 })).not.toBe(h({ amount: 2 }));
    expect(h({ createdAt: new Date(t.createdAt.getTime() + 1) })).not.toBe(h({}));
  });

  it('refuses a string that is not well-formed rather than hash a replacement', () => {
    expect(() => canonicalTransferV2({ ...t, memo: 'a\uD800' }, 1)).toThrow(/Unicode/);
  });
});

describe('first-release links', () => {
  it('a link whose memo lost its lone surrogate to U+FFFD is matched with the surrogate restored', () => {
    const original = { ...t, memo: '捐赠\uDC01' };
    const link = { prevHash: '0'.repeat(64), seq: 3, hash: linkHashV1('0'.repeat(64), original, 3) };
    const stored = { ...t, memo: '捐赠\uFFFD' };
    expect(linkHashV1(link.prevHash, stored, 3)).not.toBe(link.hash);
    expect(repairV1Link(link, stored)).toBe('memo');
    expect(repairV1Link(link, { ...stored, amount: 26 })).toBeNull();
    expect(repairV1Link(link, t)).toBeNull();
  });
});
