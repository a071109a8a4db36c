// `GET /metrics` on the admin port (contract §8): this PC only (the admin server's origin checks
// run first), and only with the admin token or the read-only metrics token (HUB_METRICS_TOKEN),
// which opens this and nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerOf, tokenMatches } from '../http/bearer.ts';
import { HttpProblem } from '../http/request-body.ts';

export interface MetricsExposition {
  render(): Promise<string>;
  contentType: string;
  /** The read-only token; unset: only the admin token opens /metrics. */
  token?: string;
}

export async function serveMetrics(req: IncomingMessage, res: ServerResponse, metrics: MetricsExposition, adminToken: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpProblem(405, 'method_not_allowed', 'Use GET /metrics', [], { allow: 'GET' });
  const given = bearerOf(req.headers.authorization);
  if (!tokenMatches(given, adminToken) && !(metrics.token && tokenMatches(given, metrics.token))) {
    throw new HttpProblem(401, 'unauthorized', 'The metrics need the admin token or the metrics token (HUB_METRICS_TOKEN) as a Bearer header', [], { 'www-authenticate': 'Bearer' });
  }
  const text = await metrics.render();
  res.writeHead(200, { 'content-type': metrics.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : text);
}
