// The dispatcher builds the webhook body by splicing the stored event JSON (no parse and
// re-serialise per attempt); it must be byte for byte what JSON.stringify(payloadOf(…)) gives.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { payloadOf, payloadText } from '../../electron/hub/outbox/log-queries.ts';
import { posEventSchema } from '../../shared/event.ts';
import { checkLifecycle, makeEvent } from '../support/events.ts';

const AT = Date.parse('2026-11-27T19:04:11.520Z');
const stored = (event: unknown) => JSON.stringify(posEventSchema.parse(event)); // as event-store.ts writes it
const expected = (body: string) => JSON.stringify(payloadOf(body, AT));

describe('payloadText', () => {
  it('equals the parsed-and-serialised payload for whole check lifecycles, unknown fields included', () => {
    for (const source of ['POS', 'OLO'] as const) {
      for (const event of checkLifecycle({ checkId: `c-${source}`, source, storeId: 'store-042' })) {
        const body = stored(event);
        expect(payloadText(body, AT)).toBe(expected(body));
      }
    }
  });

  it('equals it for any event id, extra top-level field and check note (quotes, backslashes, unicode)', () => {
    fc.assert(fc.property(
      fc.string({ minLength: 1, maxLength: 128, unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('check.opened', 'check.updated', 'check.closed'),
      (eventId, note, type) => {
        const body = stored({ ...makeEvent({ eventId, type: type as 'check.updated' }), extra: { note, '10': 1 } });
        expect(payloadText(body, AT)).toBe(expected(body));
      },
    ), { numRuns: 300 });
  });

  it('does not parse a body stored the usual way', () => {
    const body = stored(makeEvent());
    const parse = vi.spyOn(JSON, 'parse');
    try {
      payloadText(body, AT);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('takes the parse path for a body stored in another key order', () => {
    const { eventId, type, ...rest } = makeEvent();
    const body = JSON.stringify({ type, eventId, ...rest });
    expect(payloadText(body, AT)).toBe(expected(body));
  });
});
