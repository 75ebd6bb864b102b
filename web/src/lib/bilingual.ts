import type { Lang } from './format';

/**
 * The server's messages are bilingual, `中文 / English`. Answers the part in the page's
 * language; a message without both parts is returned whole.
 */
export function pickLanguage(message: string, lang: Lang): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  const zh = message.slice(0, at).trim();
  const en = message.slice(at + 3).trim();
  const hasHan = /[\u4e00-\u9fff]/.test(zh);
  if (!hasHan || !zh || !en) return message;
  return lang === 'zh-CN' ? zh : en;
}
