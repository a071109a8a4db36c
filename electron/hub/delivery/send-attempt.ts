// One HTTP attempt at a partner with axios: headers, signature, timeout, at most 2 KiB of the
// answer read, never a redirect followed, secrets masked in what is recorded.
import axios, { type AxiosInstance } from 'axios';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { MASK, maskSecret } from '../../../shared/mask.ts';
import { describeNetworkError, describeStatus, outcomeOfStatus, type Outcome } from './classify.ts';
import { signatureHeader } from './signature.ts';

export const RESPONSE_SNIPPET_BYTES = 2048;

export interface AttemptRequest {
  url: string;
  body: string;
  webhookId: string;
  timestampSeconds: number;
  apiKey: { name: string; value: string } | null;
  signingSecrets: string[];
}

export interface AttemptResult {
  outcome: Outcome;
  status: number | null;
  latencyMs: number;
  error: string | null;
  responseBody: string | null;
  retryAfter: string | undefined;
  /** What was sent, secrets masked: safe to store and show. */
  requestHeaders: Record<string, string>;
}

export interface Sender {
  send(request: AttemptRequest): Promise<AttemptResult>;
  close(): void;
}

export function createSender(options: { timeoutMs: number; userAgent: string; maxSockets: number }): Sender {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const client: AxiosInstance = axios.create({
    timeout: options.timeoutMs,
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: 'stream',
    decompress: false,
    httpAgent,
    httpsAgent,
    proxy: false,
    transformRequest: [(data: unknown) => data],
  });

  async function send(request: AttemptRequest): Promise<AttemptResult> {
    const headers = buildHeaders(request, options.userAgent);
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    const recorded = maskHeaders(headers, request.apiKey?.name);
    try {
      // One deadline for the whole attempt, answer body included: a partner that trickles bytes
      // after a quick 200 is cut off at the timeout (the signal destroys the response stream too).
      const response = await client.post<Readable>(request.url, request.body, {
        headers,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const responseBody = withoutSecret(await readSnippet(response.data), request.apiKey?.value);
      const status = response.status;
      const retryAfter = typeof response.headers['retry-after'] === 'string' ? response.headers['retry-after'] : undefined;
      return { outcome: outcomeOfStatus(status), status, latencyMs: latency(), error: describeStatus(status), responseBody, retryAfter, requestHeaders: recorded };
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      return { outcome: 'retry', status: null, latencyMs: latency(), error: describeNetworkError(code, message, options.timeoutMs), responseBody: null, retryAfter: undefined, requestHeaders: recorded };
    }
  }

  return {
    send,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function buildHeaders(request: AttemptRequest, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': userAgent,
    'webhook-id': request.webhookId,
    'webhook-timestamp': String(request.timestampSeconds),
  };
  if (request.signingSecrets.length > 0) {
    headers['webhook-signature'] = signatureHeader(request.signingSecrets, request.webhookId, request.timestampSeconds, request.body);
  }
  if (request.apiKey && request.apiKey.name !== '' && request.apiKey.value !== '') {
    headers[request.apiKey.name] = request.apiKey.value;
  }
  return headers;
}

function maskHeaders(headers: Record<string, string>, apiKeyName: string | undefined): Record<string, string> {
  const masked = { ...headers };
  if (apiKeyName && masked[apiKeyName] !== undefined) masked[apiKeyName] = maskSecret(masked[apiKeyName]);
  return masked;
}

/**
 * Reads at most 2 KiB of the answer; a partner sending 50 MB costs us 2 KiB and a closed socket.
 * The attempt's abort signal bounds the time: it destroys the stream, which ends this read.
 */
function readSnippet(stream: Readable): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      stream.removeAllListeners('data');
      resolve(utf8Prefix(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), RESPONSE_SNIPPET_BYTES));
    };
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= RESPONSE_SNIPPET_BYTES) { stream.destroy(); finish(); }
    });
    stream.once('end', finish);
    stream.once('error', finish);
    stream.once('close', finish);
  });
}

/**
 * At most `max` bytes of text as UTF-8: a character cut at the end is dropped, and bytes that are
 * not UTF-8 (each stored as a 3-byte U+FFFD) cannot push the snippet past the limit.
 */
export function utf8Prefix(bytes: Buffer, max: number): string {
  const decode = (b: Buffer) => new StringDecoder('utf8').write(b);
  const text = decode(bytes.subarray(0, max));
  return Buffer.byteLength(text) <= max ? text : decode(Buffer.from(text).subarray(0, max));
}

/**
 * A partner that echoes our request back (debug pages, some error handlers) must not put the API
 * key value into the delivery log: every occurrence is masked, and so is a start of it cut off
 * at the end of the snippet.
 */
export function withoutSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 6) return text;
  let out = text.split(secret).join(maskSecret(secret));
  // Only a snippet cut at the limit can end in a cut-off key; a complete short answer that merely
  // ends like the key ("… partner" for "partner-key-…") is the partner's words, shown as sent.
  const cut = Buffer.byteLength(text) >= RESPONSE_SNIPPET_BYTES - 3;
  for (let n = cut ? Math.min(secret.length - 1, out.length) : 0; n >= 3; n--) {
    if (out.endsWith(secret.slice(0, n))) {
      out = out.slice(0, -n) + MASK;
      break;
    }
  }
  return out === text ? text : utf8Prefix(Buffer.from(out), RESPONSE_SNIPPET_BYTES);
}
