// The dispatcher builds the webhook body by splicing the stored event text (the event as the POS
// sent it, without `type`) into the envelope: no parse and re-serialise per attempt, and every
// field — numbers included — reaches the partner exactly as the POS wrote it.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { payloadOf, payloadText } from '../../electron/hub/outbox/log-queries.ts';
import { bodyOf } from '../../electron/hub/outbox/event-store.ts';
import { posEventSchema } from '../../shared/event.ts';
import { checkLifecycle, makeEvent } from '../support/events.ts';

const AT = Date.parse('2026-11-27T19:04:11.520Z');

describe('payloadText', () => {
  it('is the Standard Webhooks envelope around the event without its type, for whole check lifecycles', () => {
    for (const source of ['POS', 'OLO'] as const) {
      for (const event of checkLifecycle({ checkId: `c-${source}`, source, storeId: 'store-042' })) {
        const text = payloadText(bodyOf(event), event.type, AT);
        expect(JSON.parse(text)).toEqual(payloadOf(bodyOf(event), event.type, AT));
        const { type, ...data } = event;
        expect(JSON.parse(text)).toEqual({ type: type.replace('check.', 'order.'), timestamp: '2026-11-27T19:04:11.520Z', data });
      }
    }
  });

  it('keeps any event id, extra field and note (quotes, backslashes, unicode) as stored', () => {
    fc.assert(fc.property(
      fc.string({ minLength: 1, maxLength: 128, unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('check.opened', 'check.updated', 'check.closed'),
      (eventId, note, type) => {
        const event = posEventSchema.parse({ ...makeEvent({ eventId, type: type as 'check.updated' }), extra: { note, '10': 1 } });
        const body = bodyOf(event);
        expect(payloadText(body, event.type, AT)).toBe(`{"type":"${type.replace('check.', 'order.')}","timestamp":"2026-11-27T19:04:11.520Z","data":${body}}`);
      },
    ), { numRuns: 300 });
  });

  it('does not parse the stored body', () => {
    const body = bodyOf(makeEvent());
    const parse = vi.spyOn(JSON, 'parse');
    try {
      payloadText(body, 'check.updated', AT);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});
