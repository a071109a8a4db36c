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
  resentFrom: z.number().int().nullable(),
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

export interface DeliveryDetail extends Delivery {
  payload: WebhookPayload;
  attemptLog: Attempt[];
}

export const deliveryQuerySchema = z.object({
  state: deliveryStateSchema.optional(),
  hook: hookSchema.optional(),
  q: z.string().trim().max(64).optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type DeliveryQuery = z.input<typeof deliveryQuerySchema>;

export interface DeliveryPage {
  items: Delivery[];
  /** Pass as `cursor` to get the next (older) page; null on the last page. */
  nextCursor: number | null;
}

export const bulkResendSchema = z.object({
  hook: hookSchema,
  states: z.array(z.enum(['failed', 'dead', 'cancelled'])).min(1).default(['failed', 'dead', 'cancelled']),
  since: z.iso.datetime({ offset: true }),
  until: z.iso.datetime({ offset: true }),
});
export type BulkResend = z.input<typeof bulkResendSchema>;
