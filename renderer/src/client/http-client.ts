// HubClient over the admin HTTP API (headless hub, opened in a browser). Every call, the live
// stream included, carries the admin token as `Authorization: Bearer …` (admin-session.ts keeps
// it); cookies are never sent, so none can stand in for the token.
import { HubError, type HubClient } from '../../../shared/client.ts';
import type { HubChange } from '../../../shared/api.ts';
import type { DeliveryQuery } from '../../../shared/delivery.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';
import { openEventStream } from './event-stream.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpClientOptions {
  token: string;
  /** Origin of the admin port; '' = this page's. */
  base?: string;
  /** The hub refused the token (401): the session should end. */
  onUnauthorized?: () => void;
}

const SIGN_IN_AGAIN = 'The hub no longer accepts this page’s sign-in (was it restarted with a new admin token?). Open the address printed by the hub (…/?token=…) again.';

function caller(options: HttpClientOptions) {
  return async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        credentials: 'omit',
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${options.token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new HubError('unreachable', 'Cannot reach the hub. Is it still running?', [], 0);
    }
    const text = await response.text();
    const parsed: unknown = text === '' ? null : safeJson(text);
    if (response.ok) return parsed as T;
    if (response.status === 401) {
      options.onUnauthorized?.();
      throw new HubError('unauthorized', SIGN_IN_AGAIN, [], 401);
    }
    throw toHubError(parsed, response.status);
  };
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

/** One stream shared by every listener, opened on the first subscribe, closed after the last. */
function changeStream(url: string, options: HttpClientOptions): HubClient['onChange'] {
  const listeners = new Set<(change: HubChange) => void>();
  let close: (() => void) | null = null;
  const notify = (change: HubChange) => {
    for (const listener of listeners) listener(change);
  };
  return (listener) => {
    listeners.add(listener);
    if (!close && typeof fetch === 'function') {
      close = openEventStream(url, options.token, {
        onEvent: (event) => {
          const change = event.event === 'change' ? (safeJson(event.data) as HubChange | null) : null;
          if (change) notify(change);
        },
        // Changes made while the stream was away were missed, so every listener refetches.
        onOpen: ({ reconnected }) => {
          if (reconnected) notify({ changed: 0, at: new Date().toISOString() });
        },
        onDenied: () => options.onUnauthorized?.(),
      });
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && close) {
        close();
        close = null;
      }
    };
  };
}

export function createHttpClient(options: HttpClientOptions): HubClient {
  const api = (path: string) => `${options.base ?? ''}/api${path}`;
  const call = caller(options);
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
    getMonitoring: () => call('GET', api('/monitoring')),
    saveMonitoring: (input) => call('PUT', api('/monitoring'), input),
    sendHeartbeatNow: () => call('POST', api('/monitoring/heartbeat')),
    revealMonitoringSecret: () => call('POST', api('/monitoring/signing-secret/reveal')),
    rotateMonitoringSecret: () => call('POST', api('/monitoring/signing-secret/rotate')),
    onChange: changeStream(api('/stream'), options),
  };
}
