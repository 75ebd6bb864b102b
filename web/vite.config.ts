import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const sharedSrc = fileURLToPath(new URL('../shared/src', import.meta.url));
const apiTarget = 'http://127.0.0.1:3000';

/** The volunteer app and staff console. `npm run dev:web` serves it, `npm run build:web` builds web/dist. */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
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
    // the entry holds antd's core (config, theme, form, input, button, card, result, modal):
    // about 640 kB minified, 215 kB gzipped; the console and the register page load later
    chunkSizeWarningLimit: 800,
    // antd and react are one vendor chunk each, cached across releases; the console is a lazy chunk
    rollupOptions: {
      onwarn(warning, warn) {
        // zod 4 ships comments rollup cannot place; harmless, and noisy at every `npm start`
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod/')) return;
        warn(warning);
      },
      output: {
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
