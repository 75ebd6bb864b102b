import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_TYPES_FILE, openApiTypesText } from '../../scripts/openapi-types';
import { buildTestApp, type TestApp } from './build-test-app';

/**
 * The web's API types (web/src/api/openapi.d.ts) are generated from this document: a route,
 * query, body or answer changed without `npm run openapi:types` fails here, so the web cannot
 * compile against a contract the server no longer keeps.
 */
describe('web/src/api/openapi.d.ts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is what the server’s OpenAPI document generates today (else: npm run openapi:types)', async () => {
    const fresh = await openApiTypesText(t.app.swagger());
    const committed = await fs.readFile(OPENAPI_TYPES_FILE, 'utf8');
    // compared as lines, so a failure names the first line that differs
    expect(committed.split('\n'), 'web/src/api/openapi.d.ts is stale: run `npm run openapi:types` and commit it').toEqual(fresh.split('\n'));
  });

  it('types every documented path of the API', async () => {
    const doc = t.app.swagger() as { paths: Record<string, unknown> };
    const committed = await fs.readFile(OPENAPI_TYPES_FILE, 'utf8');
    const apiPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/'));
    expect(apiPaths.length).toBeGreaterThan(100);
    for (const p of apiPaths) expect(committed).toContain(`"${p}": {`);
  });
});
