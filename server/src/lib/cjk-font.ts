import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The CJK font every PDF embeds (passbooks, certificates): 思源黑体 (Source Han Sans CN,
 * SIL Open Font License) from the npm package `source-han-sans-cn`. pdfkit embeds only the
 * glyphs a document uses.
 */
export const CJK_FONT_PATH: string = require.resolve('source-han-sans-cn/SourceHanSansCN-Regular.otf');
