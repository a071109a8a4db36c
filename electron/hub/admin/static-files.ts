// Serves the built renderer (dist/renderer) to the browser, with a strict Content-Security-Policy.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { RENDERER_CSP } from '../../../shared/content-security-policy.ts';

export const CSP = `${RENDERER_CSP}; frame-ancestors 'none'`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.map': 'application/json',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'content-security-policy': CSP, 'x-frame-options': 'DENY' };

/** Answers a static file for an already percent-decoded path; false when there is none (the caller sends 404). */
export async function serveStatic(res: ServerResponse, root: string, decodedPath: string): Promise<boolean> {
  const relative = decodedPath === '/' ? 'index.html' : decodedPath.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (!file.startsWith(path.resolve(root) + path.sep)) return false; // no ../ escapes
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    return false;
  }
  const cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-store';
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': content.length, 'cache-control': cache, ...SECURITY_HEADERS });
  res.end(content);
  return true;
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS, ...headers });
  res.end(html);
}
