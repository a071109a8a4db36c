// Where a hand-edited config.json goes wrong, found without quoting the file (config-file.ts).
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineAndColumn } from '../../electron/hub/settings/json-error-offset.ts';

describe('jsonErrorOffset', () => {
  it('finds nothing wrong in valid JSON', () => {
    for (const text of ['{}', '[]', ' {"a": [true, false, null, -1.5e3, "x\\u00e9\\"", {"b": {}}]} ', '0', '"s"']) {
      expect(jsonErrorOffset(text), text).toBeNull();
    }
  });

  it('points at the first wrong character, where V8 gives a position too', () => {
    const cases: [string, number][] = [
      ['{"v": sk_live_ABCDEF}', 6], // quotes lost around a value: V8 names no position, quotes the text
      ['{"v": "a" "x": 1}', 10], // a missing comma
      ['{"v": "a",}', 10], // a trailing comma
      ['{"v": 1}x', 8], // text after the object
      ['{"a":', 5], // cut short
      ['', 0],
    ];
    for (const [text, offset] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(jsonErrorOffset(text), text).toBe(offset);
      const v8 = /at position (\d+)/.exec(((): string => { try { JSON.parse(text); return ''; } catch (e) { return (e as Error).message; } })());
      if (v8) expect(Number(v8[1]), text).toBe(offset);
    }
  });

  it('gives lines and columns from 1, CRLF files included', () => {
    const text = '{\r\n  "a": 1\r\n  "b": 2\r\n}';
    expect(lineAndColumn(text, jsonErrorOffset(text)!)).toEqual({ line: 3, column: 3 });
  });
});
