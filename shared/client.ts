// The one interface the renderer uses. Electron's preload implements it over IPC, the browser
// build over the admin HTTP API; the hub core implements the same operations (minus push).
import { z } from 'zod';
import { settingsInputSchema, hookSchema, type SettingsInput, type SettingsView, type Hook } from './settings.ts';
import { bulkResendSchema, deliveryIdSchema, deliveryQuerySchema, type BulkResend, type DeliveryDetail, type DeliveryPage, type DeliveryQuery } from './delivery.ts';
import { statsQuerySchema, type ConnectionInfo, type EndpointHealth, type HubChange, type Queued, type Revealed, type Stats, type StatsQuery, type TestResult } from './api.ts';
import {
  backfillPreviewSchema, backfillSchema, partnerIdSchema, partnerInputSchema,
  type BackfillInput, type BackfillPreview, type BackfillResult, type PartnerInput, type PartnerView, type RemovedPartner, type SavedPartner, type SavedSettings,
} from './partners.ts';
import { monitoringInputSchema, type MonitoringInput, type MonitoringView } from './monitoring.ts';
import type { ErrorDetail } from './errors.ts';

export type { SavedSettings };

export interface HubOperations {
  // The first partner's page (contract §6): kept so every existing script goes on working.
  getSettings(): Promise<SettingsView>;
  saveSettings(input: SettingsInput): Promise<SavedSettings>;
  sendTest(hook: Hook): Promise<TestResult>;
  revealSigningSecret(): Promise<Revealed>;
  rotateSigningSecret(): Promise<Revealed>;
  // Partners (contract §7).
  listPartners(): Promise<PartnerView[]>;
  getPartner(id: string): Promise<PartnerView>;
  addPartner(input: PartnerInput): Promise<SavedPartner>;
  savePartner(id: string, input: PartnerInput): Promise<SavedPartner>;
  removePartner(id: string): Promise<RemovedPartner>;
  sendPartnerTest(id: string, hook: Hook): Promise<TestResult>;
  revealPartnerSigningSecret(id: string): Promise<Revealed>;
  rotatePartnerSigningSecret(id: string): Promise<Revealed>;
  backfillPartner(id: string, input: BackfillInput): Promise<BackfillResult>;
  previewBackfill(input: BackfillPreview): Promise<BackfillResult>;
  /** "Check now": probe a backed-off endpoint at once instead of at its next check. */
  checkEndpoint(id: string, hook: Hook): Promise<EndpointHealth>;
  // The log.
  listDeliveries(query: DeliveryQuery): Promise<DeliveryPage>;
  getDelivery(id: number): Promise<DeliveryDetail>;
  /** Retry now: the delivery as it is now, payload and attempts included. */
  retryDelivery(id: number): Promise<DeliveryDetail>;
  /** Re-send: the fresh copy, payload and attempts included. */
  resendDelivery(id: number): Promise<DeliveryDetail>;
  resendBulk(input: BulkResend): Promise<Queued>;
  getStats(query?: StatsQuery): Promise<Stats>;
  // The POS connection.
  getConnection(): Promise<ConnectionInfo>;
  revealPosToken(): Promise<Revealed>;
  regeneratePosToken(): Promise<Revealed>;
  // Fleet health for head office (contract §8).
  getMonitoring(): Promise<MonitoringView>;
  /** Saves the Monitoring page and sends a heartbeat at once. */
  saveMonitoring(input: MonitoringInput): Promise<MonitoringView>;
  /** A heartbeat straight to head office; answers like Send test. */
  sendHeartbeatNow(): Promise<TestResult>;
  revealMonitoringSecret(): Promise<Revealed>;
  rotateMonitoringSecret(): Promise<Revealed>;
}

export interface HubClient extends HubOperations {
  /** Calls `listener` as deliveries change; returns the unsubscribe function. */
  onChange(listener: (change: HubChange) => void): () => void;
}

export type OperationName = keyof HubOperations;

const id = deliveryIdSchema;
const partner = partnerIdSchema;
const none = z.tuple([]);

/** Every operation: its IPC channel and the validator of its arguments. */
export const OPERATIONS = {
  getSettings: { channel: 'settings:get', args: none },
  saveSettings: { channel: 'settings:save', args: z.tuple([settingsInputSchema]) },
  sendTest: { channel: 'hooks:test', args: z.tuple([hookSchema]) },
  revealSigningSecret: { channel: 'signing-secret:reveal', args: none },
  rotateSigningSecret: { channel: 'signing-secret:rotate', args: none },
  listPartners: { channel: 'partners:list', args: none },
  getPartner: { channel: 'partners:get', args: z.tuple([partner]) },
  addPartner: { channel: 'partners:add', args: z.tuple([partnerInputSchema]) },
  savePartner: { channel: 'partners:save', args: z.tuple([partner, partnerInputSchema]) },
  removePartner: { channel: 'partners:remove', args: z.tuple([partner]) },
  sendPartnerTest: { channel: 'partners:test', args: z.tuple([partner, hookSchema]) },
  revealPartnerSigningSecret: { channel: 'partners:signing-secret:reveal', args: z.tuple([partner]) },
  rotatePartnerSigningSecret: { channel: 'partners:signing-secret:rotate', args: z.tuple([partner]) },
  backfillPartner: { channel: 'partners:backfill', args: z.tuple([partner, backfillSchema]) },
  previewBackfill: { channel: 'partners:backfill-preview', args: z.tuple([backfillPreviewSchema]) },
  checkEndpoint: { channel: 'endpoints:check', args: z.tuple([partner, hookSchema]) },
  listDeliveries: { channel: 'deliveries:list', args: z.tuple([deliveryQuerySchema]) },
  getDelivery: { channel: 'deliveries:get', args: z.tuple([id]) },
  retryDelivery: { channel: 'deliveries:retry', args: z.tuple([id]) },
  resendDelivery: { channel: 'deliveries:resend', args: z.tuple([id]) },
  resendBulk: { channel: 'deliveries:resend-bulk', args: z.tuple([bulkResendSchema]) },
  getStats: { channel: 'stats:get', args: z.tuple([statsQuerySchema.optional()]) },
  getConnection: { channel: 'connection:get', args: none },
  revealPosToken: { channel: 'pos-token:reveal', args: none },
  regeneratePosToken: { channel: 'pos-token:regenerate', args: none },
  getMonitoring: { channel: 'monitoring:get', args: none },
  saveMonitoring: { channel: 'monitoring:save', args: z.tuple([monitoringInputSchema]) },
  sendHeartbeatNow: { channel: 'monitoring:heartbeat', args: none },
  revealMonitoringSecret: { channel: 'monitoring:signing-secret:reveal', args: none },
  rotateMonitoringSecret: { channel: 'monitoring:signing-secret:rotate', args: none },
} as const satisfies Record<OperationName, { channel: string; args: z.ZodTuple }>;

export const CHANGE_CHANNEL = 'hub:changed';

/** An operation's failure as the renderer sees it, whichever transport carried it. */
export class HubError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly status = 400,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

/** How an IPC handler answers: errors travel as data because Electron flattens thrown errors. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; details: ErrorDetail[]; status: number } };

const BRIDGE_PREFIX = 'HubError:';

/**
 * Electron's contextBridge copies only an Error's `message` into the page, so the preload packs a
 * HubError's code, details and status into the message and the renderer unpacks it.
 */
export function packHubError(error: HubError): Error {
  return new Error(BRIDGE_PREFIX + JSON.stringify({ code: error.code, message: error.message, details: error.details, status: error.status }));
}

export function unpackHubError(error: unknown): unknown {
  // Duck-typed: an Error made in another realm (the preload's world) is not `instanceof Error` here.
  const message = typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : '';
  const at = message.indexOf(BRIDGE_PREFIX);
  if (at < 0) return error;
  try {
    const { code, message: text, details, status } = JSON.parse(message.slice(at + BRIDGE_PREFIX.length)) as { code: string; message: string; details: ErrorDetail[]; status: number };
    return new HubError(code, text, details, status);
  } catch {
    return error;
  }
}

/** Wraps every operation of a client so its failures pass through `mapError`. */
export function mapClientErrors(client: HubClient, mapError: (error: unknown) => unknown): HubClient {
  const operations = Object.fromEntries((Object.keys(OPERATIONS) as OperationName[]).map((name) => {
    const operation = client[name] as (...args: unknown[]) => Promise<unknown>;
    return [name, (...args: unknown[]) => operation(...args).catch((error: unknown) => { throw mapError(error); })];
  })) as unknown as HubOperations;
  return { ...operations, onChange: (listener) => client.onChange(listener) };
}
