// Builds the renderer (the manager's screens) into dist/renderer. Electron loads it from disk
// (relative base) and `npm run serve` serves the same files on the admin port.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { RENDERER_CSP } from './shared/content-security-policy.ts';

/** The built page carries the strict policy; the dev server sends its own as a header instead. */
export function rendererCsp(): Plugin {
  return {
    name: 'renderer-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), rendererCsp()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
