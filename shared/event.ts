// The POS check event (contract §3): one zod schema gives the runtime validator, the TS type and
// the published JSON Schema. Objects are "loose": unknown fields are kept and forwarded untouched.
import { z } from 'zod';

export const EVENT_TYPES = ['check.opened', 'check.updated', 'check.closed'] as const;
export const EVENT_SOURCES = ['OLO', 'POS'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type EventSource = (typeof EVENT_SOURCES)[number];

/** Money is always an integer amount of minor units (cents). */
const money = z.number().int().describe('integer minor units (e.g. cents)');
const rfc3339 = z.iso.datetime({ offset: true });
const nonEmpty = z.string().min(1).max(256);

export const modifierSchema = z.looseObject({
  name: z.string().max(256).optional(),
  price: money.optional(),
});

export const checkItemSchema = z.looseObject({
  lineId: nonEmpty.optional(),
  itemId: nonEmpty.optional(),
  name: z.string().max(256).optional(),
  quantity: z.number().positive().optional(),
  unitPrice: money.optional(),
  modifiers: z.array(modifierSchema).max(200).optional(),
});

export const paymentSchema = z.looseObject({
  method: z.string().max(64).optional(),
  amount: money.optional(),
  tip: money.optional(),
});

export const checkSchema = z.looseObject({
  checkId: nonEmpty,
  checkNumber: nonEmpty,
  status: z.string().max(32).optional(),
  orderType: z.string().max(32).optional(),
  table: z.string().max(64).nullable().optional(),
  guestCount: z.number().int().nonnegative().optional(),
  currency: z.string().length(3).optional(),
  openedAt: rfc3339.nullable().optional(),
  closedAt: rfc3339.nullable().optional(),
  employee: z.looseObject({ id: z.string().max(128).optional(), name: z.string().max(256).optional() }).nullable().optional(),
  items: z.array(checkItemSchema).max(1000).optional(),
  subtotal: money.optional(),
  discounts: money.optional(),
  tax: money.optional(),
  tip: money.optional(),
  total: money.optional(),
  payments: z.array(paymentSchema).max(100).optional(),
});

export const changeSchema = z.looseObject({ kind: z.string().min(1).max(64) });

export const posEventSchema = z.looseObject({
  eventId: z.string().min(1).max(128),
  type: z.enum(EVENT_TYPES),
  source: z.enum(EVENT_SOURCES),
  occurredAt: rfc3339,
  storeId: z.string().min(1).max(128).optional(),
  check: checkSchema,
  changes: z.array(changeSchema).max(1000).optional(),
});
export type PosEvent = z.infer<typeof posEventSchema>;

export const MAX_BATCH = 500;
export const eventBatchSchema = z.strictObject({
  events: z.array(posEventSchema).min(1).max(MAX_BATCH),
});

/** The ingest body: one event, or `{"events": [...]}` of 1 to 500 events. */
export const ingestBodySchema = z.union([eventBatchSchema, posEventSchema]);

export const ingestResultSchema = z.object({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

/** `GET /v1/health`: the hub is up, and which version answers. */
export const ingestHealthSchema = z.object({ status: z.literal('ok'), version: z.string() });
export type IngestHealth = z.infer<typeof ingestHealthSchema>;
