import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const sharedSrc = fileURLToPath(new URL('../shared/src', import.meta.url));
const apiTarget = 'http://127.0.0.1:3000';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes `.br` and `.gz` beside every text asset of the build and the QR reader's WebAssembly (over 1 kB, when smaller), so the
 * server sends them as they are (@fastify/static `preCompressed`) and never compresses per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'aixin-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter((f) => /\.(js|css|html|svg|json|wasm)$/.test(f));
      await Promise.all(
        files.map(async (f) => {
          const full = path.join(outDir, f);
          const raw = await readFile(full);
          if (raw.length < 1024) return;
          const br = await brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
          const gz = await gzip(raw, { level: 9 });
          if (br.length < raw.length) await writeFile(`${full}.br`, br);
          if (gz.length < raw.length) await writeFile(`${full}.gz`, gz);
        }),
      );
    },
  };
}

/** The volunteer app and staff console. `npm run dev:web` serves it, `npm run build:web` builds web/dist. */
export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  resolve: { alias: { '@shared': sharedSrc } },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // the entry holds antd's core (config, theme, form, input, button, card, result, modal) and the
    // Chinese strings: about 790 kB minified, 218 kB as brotli; English, the console and the register
    // page load later
    chunkSizeWarningLimit: 800,
    // antd and react are one vendor chunk each, cached across releases; the console is a lazy chunk
    rollupOptions: {
      onwarn(warning, warn) {
        // zod 4 ships comments rollup cannot place; harmless, and noisy at every `npm start`
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod/')) return;
        warn(warning);
      },
      output: {
        // on a slow phone each request costs a round trip (six at a time over HTTP/1.1): tiny shared
        // chunks are merged
        experimentalMinChunkSize: 12_000,
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id)) return 'react';
          if (/node_modules\/(i18next|react-i18next)\//.test(id)) return 'i18n';
          return undefined;
        },
      },
    },
  },
});
