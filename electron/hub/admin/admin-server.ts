// The local admin API (contract §6) and the renderer for a browser, on 127.0.0.1 only. The page and
// its assets are not secret and load without the token; every /api/ call needs it as a Bearer header
// (the page keeps it in sessionStorage: renderer/src/client/admin-session.ts).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { HubError, type HubOperations } from '../../../shared/client.ts';
import type { HubChange } from '../../../shared/api.ts';
import { HttpProblem, isJsonRequest, parseJson, readBody } from '../http/request-body.ts';
import { sendError, sendJson } from '../http/respond.ts';
import { tokenMatches } from '../http/bearer.ts';
import { decodedPath } from '../http/request-path.ts';
import { carriesLegacyCookie, checkOrigin, EXPIRE_LEGACY_COOKIE, isAuthorized } from './admin-auth.ts';
import { findRoute } from './admin-routes.ts';
import { sendHtml, serveStatic } from './static-files.ts';
import { serveMetrics, type MetricsExposition } from '../monitoring/metrics-route.ts';

export interface AdminDeps {
  service: HubOperations;
  adminToken: string;
  rendererDir: string | undefined;
  onChange: (listener: (change: HubChange) => void) => () => void;
  logger: Logger;
  port: () => number;
  /** `GET /metrics` for Prometheus (contract §8). */
  metrics?: MetricsExposition;
}

const WRONG_TOKEN_PAGE = '<!doctype html><meta charset="utf-8"><title>Order Webhook Hub</title><p>This address holds a wrong or old admin token. Open the admin address the hub printed when it last started (it ends with <code>?token=…</code>).</p>';

export function createAdminServer(deps: AdminDeps): http.Server {
  const streams = new Set<ServerResponse>();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => answer(res, error));
  });
  const unsubscribe = deps.onChange((change) => {
    for (const res of streams) res.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
  });
  server.on('close', () => {
    unsubscribe();
    for (const res of streams) res.end();
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    checkOrigin(req, deps.port());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Decoded once, and every decision below (page or API, which route) is made on the decoded path.
    const pathname = decodedPath(url.pathname);
    if (pathname === '/metrics' && deps.metrics) return serveMetrics(req, res, deps.metrics, deps.adminToken);
    if (!pathname.startsWith('/api/')) return page(req, res, url, pathname);
    if (!isAuthorized(req, deps.adminToken)) throw new HttpProblem(401, 'unauthorized', 'The admin token is missing or wrong');
    if (pathname === '/api/stream' && req.method === 'GET') return stream(req, res);
    const found = findRoute(req.method ?? 'GET', pathname);
    if (found === null) throw new HttpProblem(404, 'not_found', `No such admin endpoint: ${pathname}`);
    if (found === 'wrong-method') throw new HttpProblem(405, 'method_not_allowed', `${req.method} is not allowed on ${pathname}`);
    const body = async () => {
      if (!isJsonRequest(req)) throw new HttpProblem(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json)');
      return parseJson(await readBody(req));
    };
    const result = await found.route.run(deps.service, { params: found.params, query: url.searchParams, body });
    sendJson(res, found.route.status ?? 200, result);
  }

  /**
   * The renderer's files, to anyone on this PC: they hold no secret. `/?token=…` gets the same page
   * (which moves the token into sessionStorage); a wrong token is told so at once instead.
   * An old owh_admin cookie is expired on the way (writeHead merges the header in).
   */
  async function page(req: IncomingMessage, res: ServerResponse, url: URL, pathname: string) {
    if (carriesLegacyCookie(req)) res.setHeader('set-cookie', EXPIRE_LEGACY_COOKIE);
    const token = url.searchParams.get('token');
    if (token !== null && !tokenMatches(token, deps.adminToken)) return sendHtml(res, 401, WRONG_TOKEN_PAGE);
    if (!deps.rendererDir) return sendHtml(res, 503, '<p>The renderer is not built: run <code>npm run build</code>.</p>');
    if (!(await serveStatic(res, deps.rendererDir, pathname))) throw new HttpProblem(404, 'not_found', 'Not found');
  }

  function stream(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  function answer(res: ServerResponse, error: unknown) {
    if (error instanceof HttpProblem) return sendError(res, error.status, error.code, error.message, error.details, error.headers);
    if (error instanceof HubError) return sendError(res, error.status, error.code, error.message, error.details);
    deps.logger.error({ err: error }, 'admin: unexpected error');
    sendError(res, 500, 'internal', 'The hub failed to process the request');
  }

  return server;
}
