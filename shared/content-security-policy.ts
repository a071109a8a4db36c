// The renderer's Content-Security-Policy, in one place. The built renderer (file:// in Electron,
// the admin port in a browser) carries RENDERER_CSP in a <meta> tag that vite.config.ts injects;
// the admin server also sends it as a header; pages from the Vite dev server get the dev policy as
// a response header, which also allows Vite's inline preamble and its HMR socket.

const COMMON = [
  "default-src 'none'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

/** For the <meta http-equiv="Content-Security-Policy"> of the built renderer. */
export const RENDERER_CSP = [...COMMON, "script-src 'self'", "style-src 'self'", "connect-src 'self'"].join('; ');

/** Header for pages served by the Vite dev server (development only). */
export function devServerCsp(devOrigin: string): string {
  const socket = devOrigin.replace(/^http/, 'ws');
  return [
    ...COMMON,
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${socket}`,
    "frame-ancestors 'none'",
  ].join('; ');
}
