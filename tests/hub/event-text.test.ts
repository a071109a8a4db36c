// Issue 9.9 (the scanner half): the text of each event as the POS sent it, and that text without
// its top-level `type`. Property tests build JSON *text* — pretty-printed, with escapes, unicode,
// big integers, 1e400, -0, 1.0, duplicate keys, `type` spelled with escapes and nested deeper — with
// its compact form alongside, so every answer can be checked byte for byte, not just by parsing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventTexts, withEventTexts, withoutTopLevelKey } from '../../electron/hub/http/event-text.ts';
import { parseJson, parseJsonText } from '../../electron/hub/http/request-body.ts';
import { validate } from '../../electron/hub/ingest/ingest-server.ts';
import { makeEvent } from '../support/events.ts';

/** One JSON value as text: with whitespace between tokens, without it, and its number literals. */
interface Doc { pretty: string; compact: string; numbers: string[] }
/** A member of an object: its key's text, the name that key stands for, and its value. */
interface Member { keyText: string; name: string; value: Doc }

const space = fc.constantFrom('', '', ' ', '\n  ', '\t', '\r\n', '   ');

const numberText = fc.oneof(
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.constantFrom('9007199254740993', '-9007199254740993', '18446744073709551615', '-0', '0', '1.0', '-0.0', '1e400', '-1E-400',
    '0.1e+5', '2.50', '1E2', '123456789012345678901234567890.000001', '5e-324', '1.7976931348623157e308'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
);

/** A string literal, each character raw where JSON allows it or escaped (\uXXXX, \n, \/ …) at random. */
const SHORT: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 34: '\\"', 47: '\\/', 92: '\\\\' };
const stringText = fc.array(fc.record({
  unit: fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(34, 92, 47, 10, 0, 0x2028, 0xd83d, 0xde00, 0xe9)),
  style: fc.constantFrom('raw', 'raw', 'u', 'short'),
}), { maxLength: 12 }).map((chars) => {
  const units = chars.map((c) => c.unit);
  // The body arrived as UTF-8, so a raw surrogate only comes as a whole raw pair; any other is escaped.
  const isHigh = (i: number) => units[i]! >= 0xd800 && units[i]! <= 0xdbff;
  const isLow = (i: number) => units[i]! >= 0xdc00 && units[i]! <= 0xdfff;
  const raw = (i: number) => chars[i]?.style === 'raw';
  const body = units.map((unit, i) => {
    const style = chars[i]!.style;
    const rawPair = (isHigh(i) && isLow(i + 1) && raw(i) && raw(i + 1)) || (isLow(i) && i > 0 && isHigh(i - 1) && raw(i) && raw(i - 1));
    const mustEscape = unit < 0x20 || unit === 34 || unit === 92 || ((isHigh(i) || isLow(i)) && !rawPair);
    if (style === 'short' && SHORT[unit]) return SHORT[unit];
    if (style === 'raw' && !mustEscape) return String.fromCharCode(unit);
    return `\\u${unit.toString(16).padStart(4, '0')}`;
  });
  return `"${body.join('')}"`;
});

const KEYS: [string, string][] = [
  ['"type"', 'type'], ['"\\u0074ype"', 'type'], ['"typ\\u0065"', 'type'], ['"types"', 'types'], ['"Type"', 'Type'],
  ['"a"', 'a'], ['"events"', 'events'], ['"check"', 'check'], ['"\\u00e9"', 'é'], ['"é"', 'é'], ['""', ''],
];
const keyText = fc.oneof(fc.constantFrom(...KEYS), stringText.map((text): [string, string] => [text, JSON.parse(text) as string]));

function leaf(text: string, numbers: string[] = []): Doc {
  return { pretty: text, compact: text, numbers };
}

function arrayDoc(items: Doc[], gaps: string[]): Doc {
  const pretty = items.length === 0 ? `[${gaps[0] ?? ''}]` : `[${items.map((item, i) => `${gaps[i] ?? ''}${item.pretty}${gaps[i + 1] ?? ''}`).join(',')}]`;
  return { pretty, compact: `[${items.map((item) => item.compact).join(',')}]`, numbers: items.flatMap((item) => item.numbers) };
}

function objectDoc(members: Member[], gaps: string[]): Doc {
  const pretty = members.length === 0 ? `{${gaps[0] ?? ''}}`
    : `{${members.map((m, i) => `${gaps[i] ?? ''}${m.keyText}${gaps[i + 1] ?? ''}:${gaps[i + 2] ?? ''}${m.value.pretty}${gaps[i + 3] ?? ''}`).join(',')}}`;
  return { pretty, compact: `{${members.map((m) => `${m.keyText}:${m.value.compact}`).join(',')}}`, numbers: members.flatMap((m) => m.value.numbers) };
}

const gaps = fc.array(space, { minLength: 24, maxLength: 24 });

const { value: valueDoc, members: membersArb } = fc.letrec<{ value: Doc; members: Member[] }>((tie) => ({
  value: fc.oneof({ maxDepth: 4, depthIdentifier: 'json' },
    numberText.map((n) => leaf(n, [n])),
    stringText.map((s) => leaf(s)),
    fc.constantFrom('true', 'false', 'null').map((l) => leaf(l)),
    fc.tuple(fc.array(tie('value'), { maxLength: 4, depthIdentifier: 'json' }), gaps).map(([items, g]) => arrayDoc(items, g)),
    fc.tuple(tie('members'), gaps).map(([members, g]) => objectDoc(members, g)),
  ),
  members: fc.array(fc.tuple(keyText, tie('value')).map(([[text, name], value]): Member => ({ keyText: text, name, value })), { maxLength: 5, depthIdentifier: 'json' }),
}));

/** An event-like object: top-level members (a `type` or two among them, maybe escaped), as text. */
const eventDoc = fc.tuple(membersArb, gaps).map(([members, g]) => ({ members, doc: objectDoc(members, g) }));

const parsedWithout = (text: string, key: string) => {
  const { [key]: _dropped, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
};

describe('eventTexts', () => {
  it('a single event: the whole body without insignificant whitespace, every literal kept byte for byte', () => {
    fc.assert(fc.property(eventDoc, space, space, ({ doc }, before, after) => {
      const body = `${before}${doc.pretty}${after}`;
      parseJson(Buffer.from(body)); // valid, as the ingest server will have checked
      expect(eventTexts(body, false)).toEqual([doc.compact]);
    }), { numRuns: 500 });
  });

  it('a batch: the text of every element of the top-level events array, the last `events` member winning', () => {
    const batch = fc.tuple(fc.array(eventDoc, { minLength: 1, maxLength: 6 }), fc.option(valueDoc), fc.option(membersArb), gaps);
    fc.assert(fc.property(batch, ([events, earlier, extra, g]) => {
      const members: Member[] = [
        ...(earlier ? [{ keyText: '"events"', name: 'events', value: earlier }] : []), // JSON.parse drops a duplicate that comes first
        ...(extra ?? []).filter((m) => m.name !== 'events'),
        { keyText: g[5] === ' ' ? '"ev\\u0065nts"' : '"events"', name: 'events', value: arrayDoc(events.map((e) => e.doc), g.slice(6)) },
      ];
      const { text, value } = parseJsonText(Buffer.from(objectDoc(members, g).pretty));
      const parsed = value as { events: unknown[] };
      const texts = eventTexts(text, true);
      expect(texts).toEqual(events.map((e) => e.doc.compact));
      expect(texts.map((text) => JSON.parse(text))).toEqual(parsed.events);
    }), { numRuns: 500 });
  });

  it('keeps what JSON.parse and JSON.stringify would change', () => {
    const body = '{ "events" : [ {"id": 9007199254740993, "big": 1e400, "neg": -0, "one": 1.0, "s": "\\u00e9\\n\\/", "t":"é"} ,\n\t{"x":[ ]} ] }';
    expect(eventTexts(body, true)).toEqual(['{"id":9007199254740993,"big":1e400,"neg":-0,"one":1.0,"s":"\\u00e9\\n\\/","t":"é"}', '{"x":[]}']);
    expect(JSON.stringify(JSON.parse(body))).toContain('"id":9007199254740992'); // what the hub sent until now
  });

  it('pairs each validated event with its text, and refuses to pair when the counts differ', () => {
    const events = [makeEvent(), makeEvent()];
    const body = JSON.stringify({ events }, null, 2);
    expect(withEventTexts(events, body, true).map((pair) => pair.text)).toEqual(events.map((event) => JSON.stringify(event)));
    expect(() => withEventTexts(events.slice(1), body, true)).toThrow(/out of step/);
  });
});

describe('the path the ingest server will take', () => {
  it('body → parseJsonText → validate → withEventTexts → webhook data: a 64-bit id and 1e400 arrive digit for digit', () => {
    const raw = (event: object) => JSON.stringify({ ...event, loyaltyId: 0, ratio: 0 }, null, 2)
      .replace('"loyaltyId": 0', '"loyaltyId": 9007199254740993').replace('"ratio": 0', '"ratio": 1e400');
    const body = `{"events": [${raw(makeEvent({ type: 'check.opened', source: 'OLO' }))}, ${raw(makeEvent())}]}`;
    const { text, value } = parseJsonText(Buffer.from(body));
    const received = withEventTexts(validate(value), text, true);
    expect(received.map((r) => r.event.type)).toEqual(['check.opened', 'check.updated']);
    for (const { event, text: eventText } of received) {
      const data = withoutTopLevelKey(eventText, 'type');
      const webhook = `{"type":"order.${event.type.slice(6)}","timestamp":"2026-11-27T19:04:11.520Z","data":${data}}`;
      expect(webhook).toContain('"loyaltyId":9007199254740993');
      expect(webhook).toContain('"ratio":1e400');
      const { type: _type, ...rest } = JSON.parse(eventText) as Record<string, unknown>;
      expect((JSON.parse(webhook) as { data: unknown }).data).toEqual(rest);
      expect(Object.keys(JSON.parse(data) as object)).not.toContain('type');
    }
  });
});

describe('withoutTopLevelKey', () => {
  it('removes every top-level member with that name (escaped spellings too), nested ones stay, the rest byte for byte', () => {
    fc.assert(fc.property(eventDoc, ({ members, doc }) => {
      const kept = members.filter((m) => m.name !== 'type');
      for (const text of [doc.compact, doc.pretty]) {
        const result = withoutTopLevelKey(text, 'type');
        expect(JSON.parse(result)).toEqual(parsedWithout(text, 'type'));
        for (const literal of kept.flatMap((m) => m.value.numbers)) expect(result).toContain(literal);
      }
      const expected = kept.length === members.length ? doc.compact : `{${kept.map((m) => `${m.keyText}:${m.value.compact}`).join(',')}}`;
      expect(withoutTopLevelKey(doc.compact, 'type')).toBe(expected);
    }), { numRuns: 1000 });
  });

  it('the webhook data of a real event: all but type, in the order the POS sent them', () => {
    const text = '{"type":"check.updated","eventId":"e-1","check":{"type":"dine-in","loyaltyId":9007199254740993},"type":"check.closed"}';
    expect(withoutTopLevelKey(text, 'type')).toBe('{"eventId":"e-1","check":{"type":"dine-in","loyaltyId":9007199254740993}}');
    expect(withoutTopLevelKey('{"type":"x"}', 'type')).toBe('{}');
    expect(withoutTopLevelKey('{ }', 'type')).toBe('{ }');
    const untouched = '{"eventId":"e","n":1}';
    expect(withoutTopLevelKey(untouched, 'type')).toBe(untouched);
  });
});
