// Reading a JSON request body safely: size limit, media type, nesting depth, and keys that could
// touch an object's prototype. Each problem is an HttpProblem with the contract's status and code.
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_DEPTH = 64;

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function isJsonRequest(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(tooLarge(limit));
        req.removeAllListeners('data');
        req.resume(); // drain the rest so the 413 can be written
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function tooLarge(limit: number) {
  return new HttpProblem(413, 'payload_too_large', `The body is larger than ${limit / 1024 / 1024} MiB; send large catch-ups in batches of at most 500 events`);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses JSON text; rejects invalid UTF-8, nesting deeper than 64, and `__proto__` keys. */
export function parseJson(body: Buffer): unknown {
  return parseJsonText(body).value;
}

/**
 * parseJson, also returning the decoded text: the ingest server forwards the POS's own text of each
 * event (event-text.ts) and validates the parsed value.
 */
export function parseJsonText(body: Buffer): { text: string; value: unknown } {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw new HttpProblem(400, 'invalid_json', 'The body is not valid UTF-8');
  }
  const depth = nestingDepth(text);
  if (depth > MAX_DEPTH) throw new HttpProblem(400, 'invalid_json', `JSON is nested ${depth} levels deep; at most ${MAX_DEPTH} are allowed`);
  try {
    // A reviver costs time, so only texts that could spell the key (directly or escaped) pay it.
    const value: unknown = text.includes('proto') || text.includes('\\u') ? JSON.parse(text, refuseProtoKeys) : JSON.parse(text);
    return { text, value };
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    throw new HttpProblem(400, 'invalid_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

function refuseProtoKeys(key: string, value: unknown) {
  if (key === '__proto__') throw new HttpProblem(400, 'invalid_json', 'The key "__proto__" is not allowed', [{ path: '__proto__', message: 'not allowed' }]);
  return value;
}

/** Deepest `[`/`{` nesting outside strings, in one pass over the text. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) { if (++depth > max) max = depth; }
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}
