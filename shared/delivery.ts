// Deliveries and attempts as the log shows them (contract §4 and §6), and the webhook body.
import { z } from 'zod';
import { hookSchema } from './settings.ts';
import { EVENT_TYPES } from './event.ts';

export const DELIVERY_STATES = ['pending', 'delivering', 'delivered', 'retrying', 'failed', 'dead', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export const deliveryStateSchema = z.enum(DELIVERY_STATES);

/** States in which a delivery still waits for the partner. */
export const ACTIVE_STATES: readonly DeliveryState[] = ['pending', 'delivering', 'retrying'];
/** States a manager can re-send from. */
export const RESENDABLE_STATES: readonly DeliveryState[] = ['failed', 'dead', 'cancelled'];

export const ORDER_TYPES = { 'check.opened': 'order.opened', 'check.updated': 'order.updated', 'check.closed': 'order.closed' } as const;
export type OrderType = (typeof ORDER_TYPES)[keyof typeof ORDER_TYPES];

/** What a partner receives: the Standard Webhooks envelope around the POS event. */
export interface WebhookPayload {
  type: OrderType;
  timestamp: string;
  data: Record<string, unknown>;
}

export const deliverySchema = z.object({
  id: z.number().int(),
  webhookId: z.string(),
  partnerId: z.string(),
  /** Kept after the partner was removed, so its deliveries stay readable in the log. */
  partnerName: z.string(),
  hook: hookSchema,
  eventId: z.string(),
  eventType: z.enum(EVENT_TYPES),
  checkId: z.string(),
  checkNumber: z.string(),
  state: deliveryStateSchema,
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** This is a re-sent copy of that delivery. */
  resentFrom: z.number().int().nullable(),
  /** The newest copy re-sent from this delivery, if any. */
  resentTo: z.number().int().nullable(),
  /** Failed, dead or cancelled, but a re-sent copy of it was delivered: nothing is missing. */
  resolved: z.boolean(),
  /** Pending behind an earlier delivery of the same check (per-check order): that delivery's id. */
  waitingFor: z.number().int().nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const attemptSchema = z.object({
  id: z.number().int(),
  number: z.number().int(),
  startedAt: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
  outcome: z.enum(['delivered', 'retry', 'failed']),
  responseBody: z.string().nullable(),
  requestHeaders: z.record(z.string(), z.string()),
});
export type Attempt = z.infer<typeof attemptSchema>;

export const webhookPayloadSchema = z.object({
  type: z.enum(Object.values(ORDER_TYPES) as [OrderType, ...OrderType[]]),
  timestamp: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const deliveryDetailSchema = deliverySchema.extend({
  payload: webhookPayloadSchema,
  attemptLog: z.array(attemptSchema),
});
export type DeliveryDetail = z.infer<typeof deliveryDetailSchema>;

export const deliveryQuerySchema = z.object({
  partner: z.string().max(16).optional(),
  state: deliveryStateSchema.optional(),
  hook: hookSchema.optional(),
  /** Check number, or its start ("#1025" and "1025" alike). */
  q: z.string().trim().max(64).transform((q) => q.replace(/^#\s*/, '')).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type DeliveryQuery = z.input<typeof deliveryQuerySchema>;

export const deliveryPageSchema = z.object({
  items: z.array(deliverySchema),
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  nextCursor: z.number().int().nullable(),
  /** How many deliveries match the filter in all (null: a search matching more than 10,000). */
  total: z.number().int().nonnegative().nullable(),
});
export type DeliveryPage = z.infer<typeof deliveryPageSchema>;

export const bulkResendSchema = z.object({
  /** Left out: every partner. */
  partner: z.string().max(16).optional(),
  /** Left out or "all": every hook of the range in one action (copies go in POS order per check). */
  hook: z.union([hookSchema, z.literal('all')]).optional(),
  states: z.array(z.enum(['failed', 'dead', 'cancelled'])).min(1).default(['failed', 'dead', 'cancelled']),
  since: z.iso.datetime({ offset: true }),
  until: z.iso.datetime({ offset: true }),
  /** Count only: how many would be re-sent; nothing is queued. */
  dryRun: z.boolean().optional(),
});
export type BulkResend = z.input<typeof bulkResendSchema>;
