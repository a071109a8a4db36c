// Fleet health (contract §8): the Monitoring page (heartbeat URL, request header, signing secret,
// interval, store name) and what head office receives — the heartbeat and the partner alerts.
// The page's field rules are the partner page's (shared/settings.ts); the same validator runs in
// the renderer and in the hub.
import { z } from 'zod';
import { SIGNING_SECRET, headerNameProblem, headerValueProblem, hookSchema, hookUrlProblem } from './settings.ts';
import { ENDPOINT_STATUSES, statsSchema } from './api.ts';

export const HEARTBEAT_INTERVAL = { min: 10, max: 3600, default: 300 } as const;
export const STORE_NAME_MAX = 60;

const INTERVAL_WORDS = `Send a heartbeat every ${HEARTBEAT_INTERVAL.min} to ${HEARTBEAT_INTERVAL.max} seconds (a whole number)`;

export const intervalSecondsSchema = z
  .number({ error: INTERVAL_WORDS })
  .int(INTERVAL_WORDS)
  .min(HEARTBEAT_INTERVAL.min, INTERVAL_WORDS)
  .max(HEARTBEAT_INTERVAL.max, INTERVAL_WORDS);

/** Empty means "the computer's name" (the hub fills it in). */
export const storeNameSchema = z
  .string()
  .trim()
  .max(STORE_NAME_MAX, `A store name is at most ${STORE_NAME_MAX} characters`)
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'A store name must be on one line');

const monitoringFieldsSchema = z.object({
  /** Where heartbeats and alerts go; "" turns monitoring off. */
  url: z.string().trim().max(4096),
  requestHeader: z.object({ name: z.string().trim().max(256), value: z.string().optional() }),
  /** Left out keeps the stored secret; null turns signing off. */
  signingSecret: z.string().trim().nullable().optional(),
  /** Left out: every 300 s. */
  intervalSeconds: intervalSecondsSchema.optional(),
  /** Left out or empty: the computer's name. */
  storeName: storeNameSchema.optional(),
});
type MonitoringFields = z.infer<typeof monitoringFieldsSchema>;

/** The partner page's rules, field for field: every problem at once, so one Save shows them all. */
function monitoringRules(m: MonitoringFields, ctx: z.RefinementCtx): void {
  const add = (path: string[], message: string | null) => {
    if (message) ctx.addIssue({ code: 'custom', path, message });
  };
  add(['url'], hookUrlProblem(m.url));
  add(['requestHeader', 'name'], headerNameProblem(m.requestHeader.name));
  if (m.requestHeader.value !== undefined) add(['requestHeader', 'value'], headerValueProblem(m.requestHeader.value));
  if (m.signingSecret && !SIGNING_SECRET.test(m.signingSecret)) {
    add(['signingSecret'], 'A signing secret looks like whsec_ followed by at least 32 base64 characters');
  }
}

/** `PUT /api/monitoring`: `requestHeader.value` and `signingSecret` left out keep the stored ones. */
export const monitoringInputSchema = monitoringFieldsSchema.superRefine(monitoringRules);
export type MonitoringInput = z.infer<typeof monitoringInputSchema>;

const isoTime = z.string();

/** The head-office endpoint as the page shows it. */
export const MONITORING_STATES = ['off', 'up', 'backing-off', 'rejecting'] as const;
export type MonitoringState = (typeof MONITORING_STATES)[number];

export const monitoringStatusSchema = z.object({
  /** `off`: no URL; `up`: answering (or nothing sent yet); `backing-off`: not answering; `rejecting`: answering 4xx. */
  state: z.enum(MONITORING_STATES),
  /** When head office last took a heartbeat or an alert. */
  lastDeliveredAt: isoTime.nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** Still to send: at most one heartbeat, and every alert not yet taken. */
  waiting: z.object({ heartbeats: z.number().int().nonnegative(), alerts: z.number().int().nonnegative() }),
  nextHeartbeatAt: isoTime.nullable(),
});
export type MonitoringStatus = z.infer<typeof monitoringStatusSchema>;

/** `GET /api/monitoring`: secrets masked, plus this hub's id and how sending goes. */
export const monitoringViewSchema = z.object({
  url: z.string(),
  requestHeader: z.object({ name: z.string(), value: z.string(), hasValue: z.boolean() }),
  signingSecret: z.string().nullable(),
  signingSecretRotatedAt: z.string().nullable(),
  intervalSeconds: z.number().int(),
  storeName: z.string(),
  hubId: z.string(),
  status: monitoringStatusSchema,
});
export type MonitoringView = z.infer<typeof monitoringViewSchema>;

/** The Monitoring page as the hub keeps it (config.json `monitoring`), secrets in full. Never leaves the main process. */
export interface StoredMonitoring {
  url: string;
  requestHeader: { name: string; value: string };
  signingSecret: string | null;
  /** The secret before the last rotation, still signing for 24 h so head office can switch over. */
  previousSigningSecret: string | null;
  signingSecretRotatedAt: string | null;
  intervalSeconds: number;
  storeName: string;
}

// What head office receives (Standard Webhooks envelope: type, timestamp, data).

const endpointSummarySchema = z.object({
  hook: hookSchema,
  status: z.enum(ENDPOINT_STATUSES),
  failingSince: isoTime.nullable(),
  waiting: z.number().int().nonnegative(),
});

export const heartbeatSchema = z.object({
  type: z.literal('hub.heartbeat'),
  /** When the figures were taken. */
  timestamp: isoTime,
  data: z.object({
    hubId: z.string(),
    storeName: z.string(),
    version: z.string(),
    /** When this hub process started: a new value means it restarted. */
    startedAt: isoTime,
    queueDepth: z.number().int().nonnegative(),
    /** Since when the longest-waiting delivery has waited (null: nothing waits). */
    oldestWaitingAt: isoTime.nullable(),
    counts: statsSchema.shape.counts,
    /** Attempts of the current clock hour (UTC) so far: the newest hour of `/api/stats` hourly. */
    lastHour: z.object({ delivered: z.number().int().nonnegative(), failed: z.number().int().nonnegative() }),
    partners: z.array(z.object({ id: z.string(), name: z.string(), endpoints: z.array(endpointSummarySchema) })),
  }),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

export const ALERT_TYPES = ['hub.partner_failing', 'hub.partner_recovered'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export const partnerAlertSchema = z.object({
  type: z.enum(ALERT_TYPES),
  timestamp: isoTime,
  data: z.object({
    hubId: z.string(),
    storeName: z.string(),
    partnerId: z.string(),
    partnerName: z.string(),
    hook: hookSchema,
    /** The endpoint's status when the alert was raised (`stopped`: it answered 410 Gone). */
    status: z.enum(ENDPOINT_STATUSES),
    /** Failing: when the failures began. Recovered: when deliveries went through again. */
    since: isoTime,
    lastError: z.string().nullable(),
    /** Deliveries of this endpoint still to send. */
    waiting: z.number().int().nonnegative(),
  }),
});
export type PartnerAlert = z.infer<typeof partnerAlertSchema>;
