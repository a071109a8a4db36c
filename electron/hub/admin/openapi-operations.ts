// Every operation the OpenAPI document describes, in one shape: the admin API's from its route
// table (admin-routes.ts, which also routes the requests), and the ingest API's and /metrics from
// the declarations below (their servers route by hand: ingest-server.ts, metrics-route.ts).
import type { z } from 'zod';
import { ingestBodySchema, ingestHealthSchema, ingestResultSchema, MAX_BATCH } from '../../../shared/event.ts';
import { MAX_BODY_BYTES, MAX_DEPTH } from '../http/request-body.ts';
import { RETRY_AFTER_SECONDS } from '../ingest/ingest-server.ts';
import { ADMIN_ROUTES, type AdminRoute } from './admin-routes.ts';
import type { PathParam } from './route-table.ts';

export type Part = 'ingest' | 'admin';
export type SecurityName = 'posToken' | 'adminToken' | 'metricsToken';

export interface ErrorDoc {
  description: string;
  /** Response headers that come with it: name → meaning. */
  headers?: Record<string, string>;
}

export type Answer =
  | { media: 'application/json'; schema: z.ZodType }
  /** Not JSON: described in words, the body is a string. */
  | { media: 'text/event-stream' | 'text/plain'; description: string };

export interface DocOperation {
  part: Part;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Alternatives: any one of them opens the operation; empty = no token. */
  security: SecurityName[];
  params: PathParam[];
  query?: z.ZodObject;
  body?: z.ZodType;
  status: number;
  answer: Answer;
  errors: Record<number, ErrorDoc>;
}

const MIB = MAX_BODY_BYTES / 1024 / 1024;

export const ERROR_WORDS = {
  invalidJson: `invalid_json: the body is not valid JSON or UTF-8, is nested deeper than ${MAX_DEPTH} levels, or has a "__proto__" key`,
  tooLarge: `payload_too_large: the body is over ${MIB} MiB`,
  notJson: 'unsupported_media_type: send `Content-Type: application/json`',
  adminToken: 'unauthorized: the admin token is missing or wrong (`Authorization: Bearer <admin token>`)',
  forbidden: 'forbidden: the admin port answers only this PC, its own Host names (127.0.0.1, localhost, [::1] with the port) and same-origin pages',
} as const;

/** What every request with a JSON body can be refused for before the operation runs. */
const BODY_ERRORS = { 400: ERROR_WORDS.invalidJson, 413: ERROR_WORDS.tooLarge, 415: ERROR_WORDS.notJson };

function joined(...parts: (string | undefined)[]): string {
  return parts.filter((part) => part !== undefined).join('; ');
}

function adminOperation(route: AdminRoute): DocOperation {
  const base = {
    part: 'admin' as const, method: route.method, path: route.path, operationId: route.operationId, summary: route.summary,
    description: route.description, tag: route.tag, security: ['adminToken' as const], params: route.params,
  };
  const access = { 401: { description: ERROR_WORDS.adminToken }, 403: { description: ERROR_WORDS.forbidden } };
  if (route.kind === 'stream') {
    return { ...base, status: 200, answer: { media: 'text/event-stream', description: 'Server-sent events; each `data` line is a HubChange document.' }, errors: access };
  }
  const body = route.body === undefined ? {} : BODY_ERRORS;
  const statuses = new Set([...Object.keys(body), ...Object.keys(route.errors)].map(Number));
  const errors: Record<number, ErrorDoc> = { ...access };
  for (const status of statuses) {
    errors[status] = { description: joined(body[status as keyof typeof body], route.errors[status as keyof typeof route.errors]) };
  }
  return { ...base, query: route.query, body: route.body, status: route.status, answer: { media: 'application/json', schema: route.answer }, errors };
}

const INGEST_OPERATIONS: DocOperation[] = [
  {
    part: 'ingest', method: 'POST', path: '/v1/events', operationId: 'postEvents', tag: 'POS ingest', security: ['posToken'], params: [],
    summary: `Send one check event, or {"events": [1 to ${MAX_BATCH} events]}`,
    description: 'Answers 202 only after the events are committed to disk: an acknowledged event survives a crash or power cut. A batch is all or nothing. `eventId` is the idempotency key: an event sent again is stored once and counted in `duplicates`. Unknown fields are kept and forwarded untouched.',
    body: ingestBodySchema, status: 202, answer: { media: 'application/json', schema: ingestResultSchema },
    errors: {
      400: { description: joined(ERROR_WORDS.invalidJson, 'invalid_event: every bad field listed in `details` (e.g. `events.3.check.checkId`); nothing was stored') },
      401: { description: 'unauthorized: the POS token is missing or wrong', headers: { 'WWW-Authenticate': 'Bearer' } },
      413: { description: `${ERROR_WORDS.tooLarge}; send large catch-ups in batches of at most ${MAX_BATCH} events` },
      415: { description: ERROR_WORDS.notJson },
      503: { description: 'unavailable: the hub cannot write (disk full, read-only, shutting down); nothing was stored, send again later', headers: { 'Retry-After': `seconds to wait (${RETRY_AFTER_SECONDS})` } },
    },
  },
  {
    part: 'ingest', method: 'GET', path: '/v1/health', operationId: 'getHealth', tag: 'POS ingest', security: [], params: [],
    summary: 'Is the hub up, and which version (no token)', status: 200, answer: { media: 'application/json', schema: ingestHealthSchema }, errors: {},
  },
];

const METRICS_OPERATION: DocOperation = {
  part: 'admin', method: 'GET', path: '/metrics', operationId: 'getMetrics', tag: 'Monitoring (head office)', security: ['adminToken', 'metricsToken'], params: [],
  summary: 'Prometheus metrics (text exposition format)',
  description: '`owh_queue_depth`, `owh_oldest_waiting_age_seconds`, `owh_deliveries_total{partner,hook,state}`, `owh_attempts_total{partner,hook,outcome}`, `owh_attempt_duration_seconds`, `owh_ingest_events_total{result}`, `owh_endpoint_up{partner,hook}` and the process\'s own metrics. Opens with the admin token or the read-only metrics token (`HUB_METRICS_TOKEN`).',
  status: 200, answer: { media: 'text/plain', description: 'Prometheus text exposition format, version 0.0.4.' },
  errors: {
    401: { description: 'unauthorized: neither the admin token nor the metrics token', headers: { 'WWW-Authenticate': 'Bearer' } },
    403: { description: ERROR_WORDS.forbidden },
  },
};

/** Every operation of the document, ingest first. */
export function documentedOperations(): DocOperation[] {
  return [...INGEST_OPERATIONS, ...ADMIN_ROUTES.map(adminOperation), METRICS_OPERATION];
}

/** What any other method on a documented path is answered with. */
export const METHOD_NOT_ALLOWED = 'method_not_allowed: this path does not take that method';
