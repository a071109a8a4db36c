// The POS's own JSON text of each event, so the webhook forwards every field as the POS wrote it —
// a 64-bit id or 1e400 digit for digit — while validation runs on a parsed copy. The input has
// already been parsed once (parseJson in request-body.ts), so it is valid JSON nested at most 64
// deep; these scanners rely on that and never parse: they find string ends and bracket depth only.

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** Index just past the closing quote of the string whose opening quote is at `start`. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length; // unterminated: cannot happen in parsed JSON, but never loop
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The name a member key stands for (`"\u0074ype"` is `type`), from the key's text with its quotes. */
function keyName(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_all, escape: string) =>
    escape.length === 5 ? String.fromCharCode(parseInt(escape.slice(1), 16)) : ESCAPES[escape]!);
}

/**
 * The body without whitespace outside strings, in one pass; for a batch, also where each element
 * of the top-level `events` array starts and ends in that compact text (the last `events` member
 * wins, as it does for JSON.parse and so for validation).
 */
function compactBody(text: string, isBatch: boolean): { compact: string; events: [number, number][] | null } {
  let compact = ''; // built by += (a rope V8 flattens once), cheaper than an array of pieces to join
  let written = 0; // length of the compact text so far, up to runStart
  let runStart = 0;
  let depth = 0;
  let expectKey = false;
  let key: string | null = null;
  let current: [number, number][] | null = null;
  let elementStart = 0;
  let events: [number, number][] | null = null;

  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (isBatch && depth === 1 && expectKey) {
        key = keyName(text, i, end);
        expectKey = false;
        if (key === 'events') events = null; // a later `events` replaces an earlier one
      }
      i = end - 1;
      continue;
    }
    if (isSpace(c)) {
      if (i > runStart) compact += text.slice(runStart, i);
      written += i - runStart;
      while (i + 1 < text.length && isSpace(text.charCodeAt(i + 1))) i++; // the whole run at once
      runStart = i + 1;
      continue;
    }
    if (!isBatch) continue;
    const at = written + (i - runStart); // this character's index in the compact text
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
      if (depth === 1) expectKey = c === OPEN_OBJECT;
      else if (depth === 2 && c === OPEN_ARRAY && key === 'events') {
        current = [];
        elementStart = at + 1;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth === 2 && current) {
        if (at > elementStart) current.push([elementStart, at]);
        events = current;
        current = null;
      }
      depth--;
    } else if (c === COMMA) {
      if (depth === 1) expectKey = true;
      else if (depth === 2 && current) {
        current.push([elementStart, at]);
        elementStart = at + 1;
      }
    }
  }
  if (runStart === 0) return { compact: text, events }; // nothing to remove: the text itself
  if (runStart < text.length) compact += text.slice(runStart);
  return { compact, events };
}

/**
 * The JSON text of each event as the POS sent it, whitespace outside strings removed: for a batch
 * (`{"events": [ … ]}`) every element of the top-level `events` array, otherwise the whole body.
 * String escapes and number literals are kept exactly.
 */
export function eventTexts(bodyText: string, isBatch: boolean): string[] {
  const { compact, events } = compactBody(bodyText, isBatch);
  if (!isBatch) return [compact];
  return (events ?? []).map(([start, end]) => compact.slice(start, end));
}

/** Index just past the value that starts at `start` (no whitespace before it). */
function valueEnd(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === QUOTE) return stringEnd(text, start);
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) i = stringEnd(text, i) - 1;
      else if (d === OPEN_OBJECT || d === OPEN_ARRAY) depth++;
      else if ((d === CLOSE_OBJECT || d === CLOSE_ARRAY) && --depth === 0) return i + 1;
    }
    return text.length;
  }
  let i = start; // number, true, false, null
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === COMMA || d === CLOSE_OBJECT || d === CLOSE_ARRAY || isSpace(d)) break;
    i++;
  }
  return i;
}

const skipSpace = (text: string, i: number) => {
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
};

/**
 * The object's text with every top-level member named `key` removed (the webhook's `data` is the
 * event without its `type`); members deeper down, and every other byte of the kept members, stay
 * as they are. Returns the input itself when no member has that name.
 */
export function withoutTopLevelKey(objectText: string, key: string): string {
  const members: { start: number; end: number; drop: boolean }[] = [];
  let i = skipSpace(objectText, 0) + 1; // past `{`
  for (;;) {
    i = skipSpace(objectText, i);
    if (objectText.charCodeAt(i) !== QUOTE) break; // `}`: empty object, or after the last member
    const keyEnd = stringEnd(objectText, i);
    const name = keyName(objectText, i, keyEnd);
    let at = skipSpace(objectText, keyEnd);
    if (objectText.charCodeAt(at) !== COLON) break;
    at = skipSpace(objectText, at + 1);
    const end = valueEnd(objectText, at);
    members.push({ start: i, end, drop: name === key });
    i = skipSpace(objectText, end);
    if (objectText.charCodeAt(i) !== COMMA) break;
    i++;
  }
  if (!members.some((member) => member.drop)) return objectText;
  const kept = members.filter((member) => !member.drop).map((member) => objectText.slice(member.start, member.end));
  return objectText.slice(0, members[0]!.start) + kept.join(',') + objectText.slice(members[members.length - 1]!.end);
}

/**
 * Each validated event beside the text the POS sent for it, for the ingest server: `events` is
 * what validation returned for the body whose text is `bodyText` (same order, same count).
 */
export function withEventTexts<E>(events: E[], bodyText: string, isBatch: boolean): { event: E; text: string }[] {
  const texts = eventTexts(bodyText, isBatch);
  if (texts.length !== events.length) throw new Error(`event texts out of step: ${texts.length} texts for ${events.length} events`);
  return events.map((event, index) => ({ event, text: texts[index]! }));
}
