import type { Passbook } from '@shared/schemas/ledger';
import { cjkFont } from '../../lib/cjk-font';

/**
 * Passbook files: PDF (pdfkit, with a CJK font) and Excel (exceljs), headers in Chinese. Both
 * libraries are loaded on first use (together most of a second of every server start otherwise).
 */

const KIND_LABELS: Record<string, string> = {
  earned: '服务获得',
  redeemed: '兑换',
  family_transfer: '亲属转赠',
  donation: '捐赠',
  service_payment: '服务支付',
  reversal: '冲正',
  adjustment: '调整',
  storage_overflow: '超限捐入公益池',
};
const LEDGER_LABELS: Record<string, string> = { points: '积分', time: '时间(分钟)' };


/** One formatter for every date (toLocaleString builds a new one per call: most of a PDF's time). */
const BEIJING_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

function rows(p: Passbook) {
  return p.items.map((i) => ({
    at: BEIJING_TIME.format(new Date(i.at)),
    ledger: LEDGER_LABELS[i.ledger] ?? i.ledger,
    kind: KIND_LABELS[i.kind] ?? i.kind,
    amount: i.amount,
    balanceAfter: i.balanceAfter,
    memo: i.memo ?? '',
  }));
}

export async function passbookPdf(p: Passbook, holderName: string, printedAt: Date): Promise<Buffer> {
  // the CJK font from the start: pdfkit would otherwise parse Helvetica's metrics for every document
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: '时间银行存折 Passbook' }, font: (await cjkFont()) as unknown as string });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(18).text('爱心时间银行存折 / Time-bank passbook');
  doc.moveDown(0.5).fontSize(11).text(`户名 Holder: ${holderName}`);
  doc.text(`积分余额 Points: ${p.balances.points}    时间余额 Time: ${p.balances.time} 分钟 minutes`);
  doc.text(`打印时间 Printed: ${BEIJING_TIME.format(printedAt)}`);
  doc.moveDown();
  const cols = [40, 170, 240, 330, 400, 470];
  const header = ['时间', '账户', '类型', '发生额', '余额', '备注'];
  const line = (vals: string[]) => {
    const y = doc.y;
    vals.forEach((v, i) => doc.text(v, cols[i]!, y, { width: (cols[i + 1] ?? 555) - cols[i]! - 4, lineBreak: false, ellipsis: true }));
    doc.moveDown(0.6);
    doc.x = 40;
  };
  doc.fontSize(10);
  line(header);
  for (const r of rows(p)) {
    if (doc.y > 780) doc.addPage();
    line([r.at, r.ledger, r.kind, (r.amount > 0 ? '+' : '') + r.amount, String(r.balanceAfter), r.memo]);
  }
  doc.end();
  return done;
}

export async function passbookXlsx(p: Passbook, holderName: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Aixin 爱心';
  const ws = wb.addWorksheet('存折');
  ws.addRow([`户名：${holderName}`, `积分余额：${p.balances.points}`, `时间余额（分钟）：${p.balances.time}`]);
  ws.addRow([]);
  ws.addRow(['时间', '账户', '类型', '发生额', '余额', '备注', '编号']).font = { bold: true };
  p.items.forEach((i, n) => {
    const r = rows(p)[n]!;
    ws.addRow([r.at, r.ledger, r.kind, r.amount, r.balanceAfter, r.memo, i.id]);
  });
  ws.columns.forEach((c, i) => (c.width = [20, 12, 16, 10, 10, 30, 38][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
