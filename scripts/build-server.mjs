#!/usr/bin/env node
// Bundles the server and the command line into server/dist with esbuild, so that `npm start`
// runs plain JavaScript under node (no TypeScript compiler in the serving process: less memory,
// faster start). The packages in node_modules stay outside the bundle.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
await build({
  absWorkingDir: root,
  entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts' },
  outdir: 'server/dist',
  bundle: true,
  packages: 'external',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
});
