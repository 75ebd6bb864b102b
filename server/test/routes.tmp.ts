import { buildTestApp } from './build-test-app';
const t = await buildTestApp();
const doc = t.app.swagger() as { paths: Record<string, Record<string, { summary?: string; requestBody?: unknown; security?: unknown }>> };
for (const [p, ms] of Object.entries(doc.paths)) for (const [m, op] of Object.entries(ms)) console.log(`${m.toUpperCase()} ${p} — ${op.summary ?? ''}`);
await t.close();
