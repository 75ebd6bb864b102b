import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The CJK font every PDF embeds (passbooks, certificates): 思源黑体 (Source Han Sans CN,
 * SIL Open Font License) from the npm package `source-han-sans-cn`. pdfkit embeds only the
 * glyphs a document uses.
 */
export const CJK_FONT_PATH: string = require.resolve('source-han-sans-cn/SourceHanSansCN-Regular.otf');

/** What pdfkit's `doc.font()` accepts besides a path: a parsed font (it calls `layout`). */
export type ParsedFont = { layout: (...args: unknown[]) => unknown };

let parsed: ParsedFont | undefined;

/**
 * The font, read and parsed once per process (8.8 MB: parsing it for every document cost about a
 * second per PDF). Pass it to `doc.font(await cjkFont())`. fontkit is loaded on first use.
 */
export async function cjkFont(): Promise<ParsedFont> {
  if (parsed) return parsed;
  const fontkit = await import('fontkit');
  parsed ??= fontkit.create(fs.readFileSync(CJK_FONT_PATH)) as unknown as ParsedFont;
  return parsed;
}
