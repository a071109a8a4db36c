// A stand-in partner for demos and manual tests: receives the hub's webhooks, checks the API key
// header and the Standard Webhooks signature, and prints one line per webhook. Secrets are never
// printed in full. CLI: npx tsx tests/tools/mock-partner.ts --port 9090 --verify-secret whsec_…
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { maskSecret } from '../../shared/mask.ts';
import { startTestReceiver, type Receiver, type ReceiverMode, type RecordedRequest } from '../support/test-receiver.ts';

export interface MockPartnerOptions {
  port?: number;
  host?: string;
  /** Added before each 2xx answer, ms. */
  latencyMs?: number;
  /** Share of requests answered 503 at random, 0..1. */
  failureRate?: number;
  /** Signing secret (whsec_…) to verify webhook-signature with. */
  verifySecret?: string;
  /** The request header the partner gave the store, e.g. X-API-Key=secret123. */
  expectHeader?: { name: string; value: string };
  /** Answer 401 when the key or signature is wrong, as a strict partner would (default: accept). */
  rejectInvalid?: boolean;
  log?: (line: string) => void;
  random?: () => number;
}

export interface MockPartner {
  readonly url: string;
  readonly receiver: Receiver;
  close(): Promise<void>;
}

export interface WebhookCheck {
  apiKey: 'ok' | 'missing' | 'wrong' | 'unchecked';
  signature: 'ok' | 'unchecked' | { error: string };
}

/** Checks one request against what the partner expects; pure, so tests can call it directly. */
export function checkWebhook(request: RecordedRequest, options: Pick<MockPartnerOptions, 'verifySecret' | 'expectHeader'>): WebhookCheck {
  let apiKey: WebhookCheck['apiKey'] = 'unchecked';
  if (options.expectHeader) {
    const got = request.headers[options.expectHeader.name.toLowerCase()];
    apiKey = got === undefined ? 'missing' : got === options.expectHeader.value ? 'ok' : 'wrong';
  }
  let signature: WebhookCheck['signature'] = 'unchecked';
  if (options.verifySecret) {
    try {
      new Webhook(options.verifySecret).verify(request.body, request.headers);
      signature = 'ok';
    } catch (error) {
      signature = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  return { apiKey, signature };
}

function field(value: unknown, ...path: string[]): string | undefined {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' || typeof current === 'number' ? String(current) : undefined;
}

export function formatLine(request: RecordedRequest, check: WebhookCheck, mode: ReceiverMode, headerName?: string): string {
  const time = new Date(request.receivedAt).toISOString().slice(11, 23);
  const type = field(request.json, 'type') ?? '(no type)';
  const checkNumber = field(request.json, 'data', 'check', 'checkNumber');
  const parts = [time, `${request.method} ${request.path}`, type, checkNumber ? `#${checkNumber}` : '#?',
    request.headers['webhook-id'] ?? '(no webhook-id)'];
  if (check.apiKey === 'ok') parts.push('✓ api-key');
  else if (check.apiKey === 'missing') parts.push(`✗ api-key missing (${headerName})`);
  else if (check.apiKey === 'wrong') parts.push(`✗ api-key wrong (got ${maskSecret(request.headers[headerName?.toLowerCase() ?? ''])})`);
  if (check.signature === 'ok') parts.push('✓ signature');
  else if (check.signature !== 'unchecked') parts.push(`✗ signature (${check.signature.error})`);
  parts.push(`→ ${mode.kind === 'ok' ? mode.status ?? 200 : mode.kind === 'fail' ? mode.status : mode.kind}`);
  return parts.join('  ');
}

export async function startMockPartner(options: MockPartnerOptions = {}): Promise<MockPartner> {
  const log = options.log ?? ((line: string) => console.log(line));
  const random = options.random ?? Math.random;
  // Fail at start, not on every webhook, when the secret is not a valid whsec_ base64 key.
  if (options.verifySecret) new Webhook(options.verifySecret);
  const respond = (request: RecordedRequest): ReceiverMode => {
    const check = checkWebhook(request, options);
    const invalid = check.apiKey === 'missing' || check.apiKey === 'wrong' || typeof check.signature === 'object';
    let mode: ReceiverMode;
    if (options.rejectInvalid && invalid) mode = { kind: 'fail', status: 401, body: 'invalid api key or signature' };
    else if (random() < (options.failureRate ?? 0)) mode = { kind: 'fail', status: 503, retryAfter: '1', body: 'partner busy (simulated)' };
    else mode = { kind: 'ok', status: 200, body: '{"received":true}', delayMs: options.latencyMs ?? 0 };
    log(formatLine(request, check, mode, options.expectHeader?.name));
    return mode;
  };
  const receiver = await startTestReceiver({ port: options.port ?? 9090, host: options.host ?? '127.0.0.1', mode: respond });
  log(`Mock partner listening on ${receiver.url}`);
  const expecting = [
    options.expectHeader ? `header ${options.expectHeader.name}: ${maskSecret(options.expectHeader.value)}` : 'no API key check',
    options.verifySecret ? `signature secret ${maskSecret(options.verifySecret)}` : 'no signature check',
    `latency ${options.latencyMs ?? 0} ms`, `failure rate ${Math.round((options.failureRate ?? 0) * 100)}%`,
  ];
  log(`  expecting ${expecting.join(', ')}`);
  return { url: receiver.url, receiver, close: () => receiver.close() };
}

function parseCli(argv: string[]): MockPartnerOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '9090' },
      host: { type: 'string', default: '127.0.0.1' },
      latency: { type: 'string', default: '0' },
      'failure-rate': { type: 'string', default: '0' },
      'verify-secret': { type: 'string' },
      'expect-header': { type: 'string' },
      'reject-invalid': { type: 'boolean', default: false },
    },
  });
  const number = (name: string, text: string, min: number, max: number): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return value;
  };
  let expectHeader: MockPartnerOptions['expectHeader'];
  if (values['expect-header'] !== undefined) {
    const at = values['expect-header'].indexOf('=');
    if (at < 1) throw new Error('--expect-header must look like Name=value');
    expectHeader = { name: values['expect-header'].slice(0, at), value: values['expect-header'].slice(at + 1) };
  }
  return {
    port: number('port', values.port, 0, 65535),
    host: values.host,
    latencyMs: number('latency', values.latency, 0, 600_000),
    failureRate: number('failure-rate', values['failure-rate'], 0, 1),
    verifySecret: values['verify-secret'],
    expectHeader,
    rejectInvalid: values['reject-invalid'],
  };
}

async function main(): Promise<void> {
  const partner = await startMockPartner(parseCli(process.argv.slice(2)));
  const stop = (): void => {
    void partner.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`mock-partner: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
}
