import type { Page } from 'playwright-core';

/** A call from a logged-in page, with the CSRF header the page would send. */
export async function call<T>(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ([m, u, b]) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('aixin_csrf='))?.slice('aixin_csrf='.length) ?? '';
      const r = await fetch(`/api/v1${u}`, { method: m, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) }, body: m === 'GET' ? undefined : JSON.stringify(b ?? {}) });
      return { status: r.status, body: (await r.json().catch(() => null)) as T };
    },
    [method, url, body] as const,
  );
}
