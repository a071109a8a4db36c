// Builds the renderer (the manager's screens) into dist/renderer. Electron loads it from disk
// (relative base) and `npm run serve` serves the same files on the admin port.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
