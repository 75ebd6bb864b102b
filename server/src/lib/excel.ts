import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/** exceljs is loaded on first use: half a second of every server start otherwise. */
const excel = async () => (await import('exceljs')).default;

export interface ExcelColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null | undefined;
}

/**
 * Streams rows into an .xlsx answer (Chinese headers), so that an export of every row a filter
 * shows never holds the whole list in memory. The first row is fetched before any header or
 * byte is sent: a refusal (403), a bad filter (400) or a missing object (404) raised while the
 * rows are being read answers as the error it is, never as a broken 200 download.
 */
export async function sendXlsx<T>(reply: FastifyReply, fileName: string, sheetName: string, columns: ExcelColumn<T>[], rows: AsyncIterable<T> | Iterable<T>) {
  const it: AsyncIterator<T> | Iterator<T> = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
  const first = await it.next();
  const stream = new PassThrough();
  const wb = new (await excel()).stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  const writing = (async () => {
    for (let r = first; !r.done; r = await it.next()) {
      const values: Record<string, unknown> = {};
      columns.forEach((c, i) => (values[String(i)] = c.value(r.value) ?? ''));
      ws.addRow(values).commit();
    }
    ws.commit();
    await wb.commit();
  })();
  writing.catch((err) => stream.destroy(err as Error));
  return reply.send(stream);
}

/** Reads the first sheet of a workbook into header-keyed rows (header names trimmed). */
export async function readXlsxRows(buffer: Buffer | ArrayBuffer): Promise<{ headers: string[]; rows: Array<{ row: number; values: Record<string, string> }> }> {
  const wb = new (await excel()).Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return { headers: [], rows: [] };
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cellText(cell.value).trim();
  });
  const rows: Array<{ row: number; values: Record<string, string> }> = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    headers.forEach((h, i) => {
      const v = cellText(row.getCell(i + 1).value).trim();
      if (v) any = true;
      if (h) values[h] = v;
    });
    if (any) rows.push({ row: rowNumber, values });
  });
  return { headers, rows };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
  }
  return String(v);
}
