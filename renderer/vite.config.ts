/**
 * Builds the web UI into renderer/dist, which the server serves at "/". In development
 * (`npx vite --config renderer/vite.config.ts`) requests to /api go to the server named by
 * REGLAMENT_API (default http://127.0.0.1:3000).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: rendererDir,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The procedure diagram library is loaded on demand and is large by nature.
    chunkSizeWarningLimit: 3000,
  },
  server: {
    // The browser-safe validators are imported from engine/forms, outside the renderer folder.
    fs: { allow: [repoDir] },
    proxy: { '/api': process.env.REGLAMENT_API ?? 'http://127.0.0.1:3000' },
  },
});
