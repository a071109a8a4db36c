// Who may use the admin API: only this PC (loopback), only our own pages (Host and Origin), and
// only with the admin token as a Bearer header. Never a cookie: browsers send a host's cookies to
// every port of it, so any other web service on 127.0.0.1 would receive (and could replay) it.
import type { IncomingMessage } from 'node:http';
import { bearerOf, tokenMatches } from '../http/bearer.ts';
import { HttpProblem } from '../http/request-body.ts';

/** The cookie earlier versions set, holding the token itself. It authorises nothing now. */
const LEGACY_COOKIE = 'owh_admin';
export const EXPIRE_LEGACY_COOKIE = `${LEGACY_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict`;

/** True when the browser still holds the old cookie (and so still sends it to every port of 127.0.0.1). */
export function carriesLegacyCookie(req: IncomingMessage): boolean {
  return (req.headers.cookie ?? '').split(';').some((part) => part.trim().startsWith(`${LEGACY_COOKIE}=`));
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isAuthorized(req: IncomingMessage, token: string): boolean {
  return tokenMatches(bearerOf(req.headers.authorization), token);
}

/** Refuses other machines, DNS-rebinding hosts and cross-origin pages before anything else runs. */
export function checkOrigin(req: IncomingMessage, port: number): void {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) throw new HttpProblem(403, 'forbidden', 'The admin API only answers this PC');
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!allowed.includes(req.headers.host ?? '')) throw new HttpProblem(403, 'forbidden', 'Unexpected Host header');
  const origin = req.headers.origin;
  if (origin !== undefined && !allowed.some((host) => origin === `http://${host}`)) {
    throw new HttpProblem(403, 'forbidden', 'Cross-origin requests are refused');
  }
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') throw new HttpProblem(403, 'forbidden', 'Cross-site requests are refused');
}
