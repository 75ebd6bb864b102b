import type { Page } from 'playwright-core';

/** A call to the API from a signed-in page, with its session and CSRF token (a set-up or staff step). */
export async function apiCall(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ([m, p, b]) => {
      const csrf = document.cookie.split('; ').find((c) => c.startsWith('aixin_csrf='))?.split('=')[1] ?? '';
      const r = await fetch(`/api/v1${p}`, { method: m as string, headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) }, ...(b ? { body: JSON.stringify(b) } : {}) });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    [method, path, body] as const,
  );
}
