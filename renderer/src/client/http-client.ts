// HubClient over the admin HTTP API (headless hub, opened in a browser). Auth is the cookie the
// hub set when the page was first opened with `/?token=…`, so every call is same-origin.
import { HubError, type HubClient } from '../../../shared/client.ts';
import type { HubChange } from '../../../shared/api.ts';
import type { DeliveryQuery } from '../../../shared/delivery.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new HubError('unreachable', 'Cannot reach the hub. Is it still running?', [], 0);
  }
  const text = await response.text();
  const parsed: unknown = text === '' ? null : safeJson(text);
  if (response.ok) return parsed as T;
  throw toHubError(parsed, response.status);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toHubError(body: unknown, status: number): HubError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const message = typeof error?.message === 'string' ? error.message : `The hub answered HTTP ${status}`;
  const details = Array.isArray(error?.details) ? (error.details as ErrorDetail[]) : [];
  return new HubError(code, message, details, status);
}

function queryString(query: DeliveryQuery | Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** One EventSource shared by every listener, opened on the first subscribe, closed after the last. */
function changeStream(url: string): HubClient['onChange'] {
  const listeners = new Set<(change: HubChange) => void>();
  let source: EventSource | null = null;
  let lost = false;
  const notify = (change: HubChange) => {
    for (const listener of listeners) listener(change);
  };
  const onMessage = (message: MessageEvent<string>) => {
    const change = safeJson(message.data) as HubChange | null;
    if (change) notify(change);
  };
  return (listener) => {
    listeners.add(listener);
    if (!source && typeof EventSource !== 'undefined') {
      source = new EventSource(url, { withCredentials: true });
      source.addEventListener('change', onMessage);
      // EventSource reconnects by itself; changes made while it was away were missed, so refetch.
      source.addEventListener('error', () => {
        lost = true;
      });
      source.addEventListener('open', () => {
        if (lost) notify({ changed: 0, at: new Date().toISOString() });
        lost = false;
      });
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
      }
    };
  };
}

export function createHttpClient(base = ''): HubClient {
  const api = (path: string) => `${base}/api${path}`;
  return {
    getSettings: () => call('GET', api('/settings')),
    saveSettings: (input) => call('PUT', api('/settings'), input),
    sendTest: (hook) => call('POST', api(`/hooks/${hook}/test`)),
    listDeliveries: (query) => call('GET', api(`/deliveries${queryString(query)}`)),
    getDelivery: (id) => call('GET', api(`/deliveries/${id}`)),
    retryDelivery: (id) => call('POST', api(`/deliveries/${id}/retry`)),
    resendDelivery: (id) => call('POST', api(`/deliveries/${id}/resend`)),
    resendBulk: (input) => call('POST', api('/deliveries/resend'), input),
    getStats: (query = {}) => call('GET', api(`/stats${queryString(query)}`)),
    listPartners: () => call('GET', api('/partners')),
    getPartner: (id) => call('GET', api(`/partners/${id}`)),
    addPartner: (input) => call('POST', api('/partners'), input),
    savePartner: (id, input) => call('PUT', api(`/partners/${id}`), input),
    removePartner: (id) => call('DELETE', api(`/partners/${id}`)),
    sendPartnerTest: (id, hook) => call('POST', api(`/partners/${id}/hooks/${hook}/test`)),
    checkEndpoint: (id, hook) => call('POST', api(`/partners/${id}/hooks/${hook}/check`)),
    revealPartnerSigningSecret: (id) => call('POST', api(`/partners/${id}/signing-secret/reveal`)),
    rotatePartnerSigningSecret: (id) => call('POST', api(`/partners/${id}/signing-secret/rotate`)),
    backfillPartner: (id, input) => call('POST', api(`/partners/${id}/backfill`), input),
    previewBackfill: (input) => call('POST', api('/backfill/preview'), input),
    getConnection: () => call('GET', api('/connection')),
    revealPosToken: () => call('POST', api('/pos-token/reveal')),
    regeneratePosToken: () => call('POST', api('/pos-token/regenerate')),
    revealSigningSecret: () => call('POST', api('/signing-secret/reveal')),
    rotateSigningSecret: () => call('POST', api('/signing-secret/rotate')),
    onChange: changeStream(api('/stream')),
  };
}
