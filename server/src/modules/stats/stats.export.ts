import type { StatsBreakdown, StatsOverview } from '@shared/schemas/stats';
import { cjkFont } from '../../lib/cjk-font';

/** The office's files: every table of the figures in Excel (one sheet each), and a one-page monthly report (PDF). */

const FIGURES: Array<[keyof StatsOverview, string]> = [
  ['volunteers', '注册志愿者（人）'],
  ['organizations', '志愿服务组织（个）'],
  ['teams', '志愿服务队（支）'],
  ['stations', '服务站点（个）'],
  ['activities', '发布活动（项）'],
  ['serviceHours', '服务时长（小时）'],
  ['participations', '参与人次'],
  ['beneficiaries', '受益人数'],
  ['wishesFulfilled', '实现微心愿（个）'],
  ['pointsRedeemed', '兑换积分'],
];
const WORK: Array<[keyof NonNullable<StatsOverview['work']>, string]> = [
  ['reviewsPending', '待审核'],
  ['recordsLate', '逾期未结算活动'],
  ['disputesOpen', '待处理异议'],
];
const COLUMNS: Array<[keyof StatsBreakdown['rows'][number], string]> = [
  ['volunteers', '注册志愿者'],
  ['activities', '发布活动'],
  ['serviceHours', '服务时长（小时）'],
  ['participations', '参与人次'],
  ['beneficiaries', '受益人数'],
];
const SHEET_NAMES = { month: '按月', category: '按服务类别', region: '按下级地区' } as const;

const periodLabel = (o: StatsOverview) => (o.from || o.to ? `${o.from ?? '…'} 至 ${o.to ?? '…'}` : '累计');

export async function statsXlsx(o: StatsOverview, tables: readonly StatsBreakdown[]): Promise<Buffer> {
  // loaded on first use, as every export does (a second of each server start otherwise)
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Aixin 爱心';
  const ws = wb.addWorksheet('概览');
  ws.addRow(['地区', o.regionName, o.regionCode]);
  ws.addRow(['期间', periodLabel(o)]);
  ws.addRow([]);
  ws.addRow(['指标', '数值']).font = { bold: true };
  for (const [k, label] of FIGURES) ws.addRow([label, o[k] as number]);
  if (o.work) for (const [k, label] of WORK) ws.addRow([label, o.work[k]]);
  ws.columns.forEach((c, i) => (c.width = [22, 16, 16][i] ?? 12));
  for (const t of tables) {
    const sheet = wb.addWorksheet(SHEET_NAMES[t.by]);
    sheet.addRow([t.by === 'month' ? '月份' : t.by === 'category' ? '服务类别' : '地区', '代码', ...COLUMNS.map(([, l]) => l)]).font = { bold: true };
    for (const r of t.rows) sheet.addRow([r.label, r.key, ...COLUMNS.map(([k]) => r[k] as number)]);
    sheet.columns.forEach((c, i) => (c.width = i === 0 ? 18 : 14));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A horizontal bar chart drawn with vector shapes: one bar per row, the value at its end. */
function bars(doc: PDFKit.PDFDocument, title: string, rows: Array<{ label: string; value: number }>, x: number, y: number, width: number): number {
  doc.fontSize(11).fillColor('#000').text(title, x, y);
  let top = y + 18;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const labelW = 80;
  const barW = width - labelW - 50;
  for (const r of rows) {
    doc.fontSize(8).fillColor('#333').text(r.label, x, top + 1, { width: labelW - 4, lineBreak: false, ellipsis: true });
    const w = Math.max(r.value > 0 ? 1 : 0, (r.value / max) * barW);
    doc.rect(x + labelW, top, w, 9).fill('#c0392b');
    doc.fillColor('#333').text(String(r.value), x + labelW + w + 4, top + 1, { lineBreak: false });
    top += 13;
  }
  return top + 6;
}

/** The one-page monthly report of a region: the month's figures, and bars by category and by child region. */
export async function monthlyReportPdf(month: string, o: StatsOverview, byCategory: StatsBreakdown, byRegion: StatsBreakdown, printedAt: string): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `${o.regionName} ${month} 志愿服务月报` }, font: (await cjkFont()) as unknown as string });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const [yy, mm] = month.split('-');
  doc.fontSize(18).text(`${o.regionName}志愿服务月报（${yy}年${Number(mm)}月）`, 40, 40);
  doc.fontSize(9).fillColor('#666').text(`统计期间 ${o.from} 至 ${o.to}；生成于 ${printedAt}`, 40, 66);
  // the figures: a grid of five columns, two rows
  const cellW = 103;
  FIGURES.forEach(([k, label], i) => {
    const x = 40 + (i % 5) * cellW;
    const y = 90 + Math.floor(i / 5) * 48;
    doc.rect(x, y, cellW - 6, 42).lineWidth(0.5).stroke('#bbb');
    doc.fontSize(8).fillColor('#666').text(label, x + 5, y + 5, { width: cellW - 16, lineBreak: false });
    doc.fontSize(14).fillColor('#000').text(String(o[k]), x + 5, y + 20, { width: cellW - 16, lineBreak: false });
  });
  let y = 196;
  if (o.work) {
    doc.fontSize(9).fillColor('#000').text(WORK.map(([k, label]) => `${label} ${o.work![k]}`).join('    '), 40, y);
    y += 18;
  }
  const cats = byCategory.rows.filter((r) => r.serviceHours > 0 || r.participations > 0);
  y = bars(doc, '各服务类别服务时长（小时）', (cats.length ? cats : byCategory.rows.slice(0, 5)).map((r) => ({ label: r.label, value: r.serviceHours })), 40, y, 515);
  const regions = byRegion.rows.slice(0, 20);
  if (regions.length) bars(doc, '下级地区参与人次', regions.map((r) => ({ label: r.label, value: r.participations })), 40, y, 515);
  doc.end();
  return done;
}
