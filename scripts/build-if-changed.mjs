#!/usr/bin/env node
// `npm start`'s first step: builds the web UI (vite → web/dist) and the server bundle
// (esbuild → server/dist) only when their sources changed since the last build. Each output
// folder keeps a stamp: a hash of every source file's path and contents (plus the lock file and
// the build's own configuration). A second start with nothing changed skips both builds.
//   node scripts/build-if-changed.mjs [--force]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const force = process.argv.includes('--force');
const STAMP = '.build-stamp';

/** Every file under the given paths (folders walked, `skip` folders left out), sorted. */
function files(paths, skip) {
  const out = [];
  const walk = (p) => {
    const abs = path.join(root, p);
    if (!fs.existsSync(abs)) return;
    const st = fs.statSync(abs);
    if (st.isFile()) return void out.push(p);
    for (const name of fs.readdirSync(abs)) {
      const child = path.join(p, name);
      if (skip.some((s) => child === s || name === s)) continue;
      walk(child);
    }
  };
  for (const p of paths) walk(p);
  return out.sort();
}

function hashOf(paths, skip) {
  const h = crypto.createHash('sha256');
  for (const f of files(paths, skip)) {
    h.update(f).update('\0').update(fs.readFileSync(path.join(root, f))).update('\0');
  }
  return h.digest('hex');
}

const COMMON = ['shared/src', 'package-lock.json', 'tsconfig.json'];
const SKIP = ['node_modules', '.DS_Store', path.join('web', 'dist'), path.join('server', 'dist')];
const targets = [
  {
    name: 'web UI',
    out: 'web/dist',
    ready: 'index.html',
    sources: ['web', ...COMMON],
    skip: SKIP,
    run: ['npm', ['run', 'build:web', '--silent']],
  },
  {
    name: 'server',
    out: 'server/dist',
    ready: 'server.js',
    sources: ['server/src', 'scripts/build-server.mjs', ...COMMON],
    skip: SKIP,
    run: [process.execPath, [path.join(root, 'scripts', 'build-server.mjs')]],
  },
];

let failed = false;
for (const t of targets) {
  const hash = hashOf(t.sources, t.skip);
  const stampFile = path.join(root, t.out, STAMP);
  const built = fs.existsSync(path.join(root, t.out, t.ready)) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === hash;
  if (built && !force) continue;
  const started = Date.now();
  console.log(`building the ${t.name} (${t.out}) …`);
  const r = spawnSync(t.run[0], t.run[1], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✖ building the ${t.name} failed`);
    failed = true;
    continue;
  }
  fs.writeFileSync(stampFile, hash + '\n');
  console.log(`built the ${t.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
process.exit(failed ? 1 : 0);
