// The POS event as a JSON Schema for POS integrators, generated from the one zod schema the hub
// validates with, so the published document can't drift from what is enforced.
import { z } from 'zod';
import { ingestBodySchema } from './event.ts';

export function ingestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ingestBodySchema, { target: 'draft-2020-12', io: 'input' });
  return {
    $id: 'https://order-webhook-hub.local/schemas/pos-event.schema.json',
    title: 'Order Webhook Hub — POST /v1/events body (one event, or {"events": [1..500 events]})',
    ...schema,
  };
}
