// Answers of the admin operations that are not deliveries or settings (contract §6–§7), each
// declared once as a zod schema with its type inferred, so the OpenAPI document can't drift.
import { z } from 'zod';
import { hookSchema } from './settings.ts';
import { DELIVERY_STATES } from './delivery.ts';

const isoTime = z.string();

export const testResultSchema = z.object({
  ok: z.boolean(),
  url: z.string(),
  status: z.number().int().nullable(),
  latencyMs: z.number().int(),
  /** First 2 KiB of the partner's answer. */
  body: z.string().nullable(),
  /** Plain words for what went wrong (DNS, refused, timeout, TLS, partner's status). */
  error: z.string().nullable(),
});
export type TestResult = z.infer<typeof testResultSchema>;

/**
 * One endpoint (a partner's hook) at a glance:
 * - `up`: answering (or nothing sent yet);
 * - `backing-off`: not answering (network error, timeout, 5xx): one probe at a time;
 * - `rejecting`: answering, but refusing our webhooks (4xx other than 408/429) — they fail at once;
 * - `held`: its deliveries wait behind another hook of the same partner (per-check order);
 * - `stopped`: the partner answered 410 Gone (asked us to stop);
 * - `off`: the hook is set to NO (or has no URL).
 */
export const ENDPOINT_STATUSES = ['up', 'backing-off', 'rejecting', 'held', 'stopped', 'off'] as const;
export type EndpointStatus = (typeof ENDPOINT_STATUSES)[number];

export const endpointHealthSchema = z.object({
  partnerId: z.string(),
  partnerName: z.string(),
  hook: hookSchema,
  url: z.string(),
  enabled: z.boolean(),
  status: z.enum(ENDPOINT_STATUSES),
  /** ISO time the current run of failures (or rejections) started. */
  failingSince: isoTime.nullable(),
  lastError: z.string().nullable(),
  /** The partner's last HTTP status for this hook (null: none yet, or a network error). */
  lastStatus: z.number().int().nullable(),
  /** While backing off: when the next probe goes (Check now sends it at once). */
  nextProbeAt: isoTime.nullable(),
  /** `held`: the hook whose failing deliveries hold this one's back. */
  heldBehind: hookSchema.nullable(),
  /** Deliveries of this endpoint still to send (pending, delivering, retrying): the one waiting number. */
  waiting: z.number().int().nonnegative(),
  /** The partner answered 410 Gone: it asked us to stop sending. */
  goneAt: isoTime.nullable(),
  /** After an outage ended: when, and how the backlog waiting then is draining ("412 of 1,200 sent"). */
  recovery: z.object({ at: isoTime, sent: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
});
export type EndpointHealth = z.infer<typeof endpointHealthSchema>;

export const hourlyCountSchema = z.object({ hour: isoTime, delivered: z.number().int(), failed: z.number().int() });
export type HourlyCount = z.infer<typeof hourlyCountSchema>;

export const partnerHealthSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The worst of its endpoints' statuses ('off' only when every hook is off). */
  status: z.enum(ENDPOINT_STATUSES),
  waiting: z.number().int().nonnegative(),
  notDelivered: z.number().int().nonnegative(),
});
export type PartnerHealth = z.infer<typeof partnerHealthSchema>;

const stateCounts = z.object(Object.fromEntries(DELIVERY_STATES.map((s) => [s, z.number().int().nonnegative()])) as Record<(typeof DELIVERY_STATES)[number], z.ZodNumber>);

export const statsSchema = z.object({
  counts: stateCounts,
  /** Pending + delivering + retrying: the same number as the endpoints' `waiting` summed. */
  queueDepth: z.number().int().nonnegative(),
  /** Failed and dead deliveries not resolved by a delivered re-send. */
  notDelivered: z.number().int().nonnegative(),
  endpoints: z.array(endpointHealthSchema),
  partners: z.array(partnerHealthSchema),
  hourly: z.array(hourlyCountSchema),
});
export type Stats = z.infer<typeof statsSchema>;

export const statsQuerySchema = z.object({ partner: z.string().optional() });
export type StatsQuery = z.input<typeof statsQuerySchema>;

export const connectionInfoSchema = z.object({
  /** LAN addresses first; the 127.0.0.1 one works only from this PC. */
  ingestUrls: z.array(z.string()),
  posTokenMasked: z.string(),
  /** The address the ingest server is bound to: 0.0.0.0 (every interface) or one address. */
  ingestHost: z.string(),
  version: z.string(),
  /** When the POS last sent an event that was accepted (null: never). */
  lastEventAt: isoTime.nullable(),
});
export type ConnectionInfo = z.infer<typeof connectionInfoSchema>;

export const revealedSchema = z.object({ value: z.string() });
export type Revealed = z.infer<typeof revealedSchema>;
export const queuedSchema = z.object({ queued: z.number().int().nonnegative() });
export type Queued = z.infer<typeof queuedSchema>;

/** What the hub pushes while it runs: the live log refreshes on it. */
export const hubChangeSchema = z.object({ changed: z.number().int(), at: isoTime });
export type HubChange = z.infer<typeof hubChangeSchema>;

