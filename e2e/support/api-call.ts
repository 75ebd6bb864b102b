import type { Page } from 'playwright-core';

/**
 * An API call made by the page's signed-in person, from inside their browser (their cookies and
 * CSRF token): for the steps of another role that a spec does not walk through on screen.
 */
export async function apiCall(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ([m, p, b]) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('aixin_csrf='))?.split('=')[1] ?? '';
      // a write always carries a JSON body (`{}` when there is nothing to say), as the web's client does
      const payload = b ?? (m === 'GET' ? undefined : {});
      const r = await fetch(`/api/v1${p}`, { method: m as string, headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) }, ...(payload ? { body: JSON.stringify(payload) } : {}) });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    [method, path, body] as const,
  );
}

/** True when nothing is wider than the window (nothing cut off or scrolled sideways at 390 px). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}
