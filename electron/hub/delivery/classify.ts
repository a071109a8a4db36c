// What an attempt's result means (contract §4): delivered, try again, or give up now — and the
// error in plain words a manager can act on.

export type Outcome = 'delivered' | 'retry' | 'failed';

export function outcomeOfStatus(status: number): Outcome {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'failed'; // 3xx (redirects are never followed) and other 4xx: retrying won't help
}

const TLS_CODES = /^(CERT_|ERR_TLS|ERR_SSL|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|HOSTNAME_MISMATCH|EPROTO)/;

/** Network-level failures, in plain words. All of them are retried. */
export function describeNetworkError(code: string | undefined, message: string, timeoutMs: number): string {
  // Dropped during the handshake (e.g. an https:// URL pointing at a plain-http port): the reset
  // is a symptom; the manager needs to hear it is the secure connection that failed.
  if (/before secure TLS connection was established/.test(message)) return `TLS: the secure connection to the partner failed (${code ?? 'handshake'})`;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return "DNS: the partner's host name could not be found (check the URL and the store's internet connection)";
    case 'ECONNREFUSED':
      return 'Connection refused: nothing is accepting connections at that address';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return 'Connection reset: the partner closed the connection before answering';
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
    case 'ERR_CANCELED':
    case 'ABORT_ERR':
      return `Timeout: no complete answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return 'Network unreachable: the store PC cannot reach the partner (is the internet down?)';
  }
  if (code && TLS_CODES.test(code)) return `TLS: the secure connection to the partner failed (${code})`;
  return `Network error: ${code ?? message}`;
}

export function describeStatus(status: number): string | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) return `HTTP ${status}: the partner answered with a redirect, which is never followed; update the URL`;
  if (status === 410) return 'HTTP 410 Gone: the partner asked us to stop sending to this URL';
  if (status === 401 || status === 403) return `HTTP ${status}: the partner refused the request (check the API key)`;
  if (status === 429) return 'HTTP 429: the partner asked us to slow down';
  if (status >= 500) return `HTTP ${status}: the partner had a problem; will retry`;
  return `HTTP ${status}: the partner rejected the webhook`;
}
