// The LAN ingest API (contract §3): POST /v1/events and GET /v1/health. Answers 202 only after
// the events are committed; every error is the contract's JSON document and stores nothing.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { eventBatchSchema, posEventSchema, type PosEvent } from '../../../shared/event.ts';
import { zodDetails } from '../../../shared/errors.ts';
import { HttpProblem, isJsonRequest, parseJsonText, readBody } from '../http/request-body.ts';
import { withEventTexts, withoutTopLevelKey } from '../http/event-text.ts';
import { sendError, sendJson } from '../http/respond.ts';
import { bearerOf, tokenMatches } from '../http/bearer.ts';
import { isUnavailable, type GroupCommitter } from './group-commit.ts';

export const RETRY_AFTER_SECONDS = '5';

export function createIngestServer(deps: { committer: GroupCommitter; posToken: () => string; version: string; logger: Logger }): http.Server {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => answerProblem(res, error, deps.logger));
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/v1/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpProblem(405, 'method_not_allowed', 'Use GET', [], { allow: 'GET' });
      return sendJson(res, 200, { status: 'ok', version: deps.version });
    }
    if (path !== '/v1/events') throw new HttpProblem(404, 'not_found', `No such endpoint: ${path}; the POS sends events to POST /v1/events`);
    if (req.method !== 'POST') throw new HttpProblem(405, 'method_not_allowed', 'Use POST to send events', [], { allow: 'POST' });
    if (!tokenMatches(bearerOf(req.headers.authorization), deps.posToken())) {
      throw new HttpProblem(401, 'unauthorized', 'Missing or wrong POS token: send "Authorization: Bearer <POS token>" as shown in the hub', [], { 'www-authenticate': 'Bearer' });
    }
    if (!isJsonRequest(req)) throw new HttpProblem(415, 'unsupported_media_type', 'Send the events as Content-Type: application/json');
    // Validated on a parsed copy; stored and forwarded as the POS's own text, every number digit for digit.
    const { text, value } = parseJsonText(await readBody(req));
    const events = withEventTexts(validate(value), text, isBatch(value))
      .map(({ event, text: eventText }) => ({ event, body: withoutTopLevelKey(eventText, 'type') }));
    const result = await deps.committer.submit(events);
    sendJson(res, 202, result);
  }

  return server;
}

/** `{"events": [...]}` rather than one event. */
export function isBatch(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'events' in body;
}

/** One event, or `{"events": [...]}`; every bad field listed with its path. */
export function validate(body: unknown): PosEvent[] {
  if (isBatch(body)) {
    const parsed = eventBatchSchema.safeParse(body);
    if (!parsed.success) throw new HttpProblem(400, 'invalid_event', 'The batch is invalid; nothing was stored', zodDetails(parsed.error));
    return parsed.data.events;
  }
  const parsed = posEventSchema.safeParse(body);
  if (!parsed.success) throw new HttpProblem(400, 'invalid_event', 'The event is invalid; nothing was stored', zodDetails(parsed.error));
  return [parsed.data];
}

function answerProblem(res: ServerResponse, error: unknown, logger: Logger) {
  if (error instanceof HttpProblem) return sendError(res, error.status, error.code, error.message, error.details, error.headers);
  if (isUnavailable(error)) {
    logger.warn({ err: { code: (error as { code?: string }).code, message: (error as Error).message } }, 'ingest: cannot write the outbox, answering 503');
    return sendError(res, 503, 'unavailable', 'The hub cannot store events right now (disk full, read-only or shutting down); nothing was stored, send again later', [], { 'retry-after': RETRY_AFTER_SECONDS });
  }
  logger.error({ err: error }, 'ingest: unexpected error');
  sendError(res, 500, 'internal', 'The hub failed to process the request; nothing was stored');
}
