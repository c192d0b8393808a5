// Builds the renderer: React + a locally bundled, tree-shaken Monaco, workers as ES modules, relative
// asset paths so the same bundle loads from app:// (Electron) and from the loopback browser host.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Monaco's own chunk is large by nature; the warning would be noise.
    chunkSizeWarningLimit: 4096,
    // Fonts stay files (font-src 'self'); nothing is inlined as a data: script.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
});
