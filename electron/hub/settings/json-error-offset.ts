// Where JSON text first goes wrong, for a message a person can act on ("line 7, column 16").
// V8's JSON.parse names a position for some mistakes only, and for the others quotes the text
// around it — which, in config.json, can be an API key. Used on the error path only.

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class SyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

/** The offset of the first character that makes `text` invalid JSON, or null when it is valid. */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const space = () => { while (i < text.length && WHITESPACE.has(text[i]!)) i++; };
  const expect = (char: string) => { if (text[i] !== char) throw new SyntaxAt(i); i++; };
  const match = (pattern: RegExp) => {
    pattern.lastIndex = i;
    if (!pattern.test(text)) throw new SyntaxAt(i);
    i = pattern.lastIndex;
  };
  const members = (close: string, member: () => void) => {
    i++;
    space();
    if (text[i] === close) { i++; return; }
    for (;;) {
      member();
      space();
      if (text[i] === close) { i++; return; }
      expect(',');
      space();
    }
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{') return members('}', () => { match(STRING); space(); expect(':'); value(); });
    if (char === '[') return members(']', value);
    if (char === '"') return match(STRING);
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) { i += literal.length; return; }
    }
    match(NUMBER);
  };
  try {
    value();
    space();
    if (i < text.length) throw new SyntaxAt(i);
    return null;
  } catch (error) {
    if (error instanceof SyntaxAt) return Math.min(error.offset, text.length);
    return null; // nested too deep to scan: the message goes without a position
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
