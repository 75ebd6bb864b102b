#!/usr/bin/env node
// `npx aixin …`: runs the TypeScript command line through tsx.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.TSX_TSCONFIG_PATH ??= path.join(root, 'tsconfig.json');
const { register } = await import('tsx/esm/api');
register();
await import(path.join(root, 'server/src/cli.ts'));
