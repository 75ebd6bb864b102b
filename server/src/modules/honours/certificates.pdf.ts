import QRCode from 'qrcode';
import type { CertificateFacts } from '@shared/schemas/honours';
import { cjkFont } from '../../lib/cjk-font';

/** The certificate as a PDF (pdfkit with the CJK font the passbook uses) and a QR code to its verify page. */

const TITLES: Record<string, string> = { period: '志愿服务证明', activity: '志愿服务证明（活动）', card: '志愿者证', honour: '荣誉证书' };

export async function certificatePdf(c: { number: string; kind: string; verifyCode: string; status: string; facts: CertificateFacts }, url: string): Promise<Buffer> {
  const f = c.facts;
  // pdfkit and the font are loaded on first use (a second of every server start otherwise)
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${TITLES[c.kind] ?? ''} ${c.number}` }, font: (await cjkFont()) as unknown as string });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(22).text(TITLES[c.kind] ?? '志愿服务证明', { align: 'center' });
  doc.moveDown(0.3).fontSize(10).text(`证明编号 No. ${c.number}    验证码 Code ${c.verifyCode}`, { align: 'center' });
  doc.moveDown(1.2).fontSize(12);
  const who = `${f.name}（身份证号 ${f.idNumberMasked ?? '—'}，志愿者编号 ${f.volunteerNo ?? '—'}）`;
  if (c.kind === 'honour' && f.honour) {
    doc.moveDown(0.8).fontSize(14).text(`${f.name} 同志：`);
    doc.moveDown(0.5).fontSize(13).text(`在“${f.honour.campaign}”评选表彰中，荣获“${f.honour.award}”称号。特发此证，以资鼓励。`, { lineGap: 6 });
    doc.moveDown(0.5).fontSize(11).text(`志愿者编号 ${f.volunteerNo ?? '—'}    身份证号 ${f.idNumberMasked ?? '—'}    确认服务时长 ${f.hours} 小时`);
    doc.moveDown(0.8).fontSize(12).text(`颁发单位：${f.honour.body}`);
  } else if (c.kind === 'card') {
    doc.text(`持证人：${who}`);
    doc.text(`星级：${f.starLevel ?? 0}星    确认服务时长：${f.hours} 小时`);
  } else {
    doc.text(`兹证明 ${who} 于 ${f.from} 至 ${f.to} 期间参加志愿服务，经记录单位确认，累计服务时长 ${f.hours} 小时。`, { lineGap: 4 });
    doc.moveDown(0.8).fontSize(10);
    const cols = [50, 125, 290, 440, 545];
    const row = (vals: string[]) => {
      const y = doc.y;
      vals.forEach((v, i) => doc.text(v, cols[i]!, y, { width: cols[i + 1]! - cols[i]! - 4, lineBreak: false, ellipsis: true }));
      doc.moveDown(0.5);
      doc.x = 50;
    };
    row(['日期', '活动 / 服务内容', '记录单位', '时长(小时)']);
    for (const l of f.lines) {
      if (doc.y > 640) doc.addPage();
      row([l.date, `${l.title}：${l.content}`, l.unit, String(l.hours)]);
    }
    doc.moveDown(0.8).fontSize(11).text(`记录单位：${f.units.join('、')}`, 50);
  }
  doc.moveDown(0.5).text(`出具日期：${f.issuedOn}`);
  doc.text('本证明依据《志愿服务记录与证明出具办法（试行）》出具，可扫描二维码或登录平台核验真伪。');
  const qr = await QRCode.toBuffer(url, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const y = Math.min(doc.y + 16, 680);
  doc.image(qr, 50, y, { width: 110 });
  doc.fontSize(9).text(`核验 Verify: ${url}`, 170, y + 40, { width: 370 });
  doc.end();
  return done;
}
