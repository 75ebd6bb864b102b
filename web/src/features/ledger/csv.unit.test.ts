import { describe, expect, it } from 'vitest';
import { csvCell, passbookCsv } from './csv';

describe('passbook CSV', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvCell('志愿服务记入')).toBe('志愿服务记入');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('-25')).toBe('-25');
    expect(csvCell('-2小时')).toBe('-2小时');
  });
  it('starts with a BOM and ends lines with CRLF', () => {
    const csv = passbookCsv([{ a: 1 }], { headers: ['时间', '变动'], row: (i) => ['x', `+${i.a}`] });
    expect(csv).toBe('\uFEFF时间,变动\r\nx,+1\r\n');
  });
});
