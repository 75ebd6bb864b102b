import ExcelJS from 'exceljs';

/** Every cell of an answered workbook's first sheet, one per line (for "contains / does not contain" checks). */
export async function sheetText(raw: { rawPayload: Buffer }): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw.rawPayload as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? ''))));
  return out.join('\n');
}
