import zlib from 'node:zlib';

/**
 * The text of a PDF written by pdfkit, without a PDF library: every stream inflated, the embedded
 * fonts' ToUnicode maps (bfrange arrays) read, and the hex glyph strings of the TJ operators mapped
 * back to characters, in drawing order. Enough for what our own PDFs contain.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const body = pdf.subarray(start, end);
    try {
      streams.push(zlib.inflateSync(body).toString('latin1'));
    } catch {
      streams.push(body.toString('latin1'));
    }
    re.lastIndex = end + 'endstream'.length;
  }
  const map = new Map<number, string>();
  for (const s of streams) {
    if (!s.includes('beginbfrange')) continue;
    for (const r of s.matchAll(/<([0-9a-fA-F]+)> <([0-9a-fA-F]+)> \[([^\]]*)\]/g)) {
      const first = parseInt(r[1]!, 16);
      [...r[3]!.matchAll(/<([0-9a-fA-F ]+)>/g)].forEach((e, i) => map.set(first + i, Buffer.from(e[1]!.replace(/ /g, ''), 'hex').swap16().toString('utf16le')));
    }
  }
  let out = '';
  for (const s of streams) {
    for (const tj of s.matchAll(/\[([^\]]*)\] TJ/g)) {
      for (const h of tj[1]!.matchAll(/<([0-9a-fA-F]+)>/g)) {
        for (let i = 0; i < h[1]!.length; i += 4) out += map.get(parseInt(h[1]!.slice(i, i + 4), 16)) ?? '';
      }
      out += '\n';
    }
  }
  return out;
}
