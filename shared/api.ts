// Answers of the admin operations that are not deliveries or settings.
import type { Hook } from './settings.ts';
import type { DeliveryState } from './delivery.ts';

export interface TestResult {
  ok: boolean;
  url: string;
  status: number | null;
  latencyMs: number;
  /** First 2 KiB of the partner's answer. */
  body: string | null;
  /** Plain words for what went wrong (DNS, refused, timeout, TLS, partner's status). */
  error: string | null;
}

export interface EndpointHealth {
  hook: Hook;
  url: string;
  enabled: boolean;
  status: 'up' | 'backing-off' | 'stopped' | 'off';
  /** ISO time the current run of failures started. */
  failingSince: string | null;
  lastError: string | null;
  nextProbeAt: string | null;
  waiting: number;
  /** The partner answered 410 Gone: it asked us to stop sending. */
  goneAt: string | null;
}

export interface HourlyCount { hour: string; delivered: number; failed: number }

export interface Stats {
  counts: Record<DeliveryState, number>;
  queueDepth: number;
  endpoints: EndpointHealth[];
  hourly: HourlyCount[];
}

export interface ConnectionInfo {
  ingestUrls: string[];
  posTokenMasked: string;
  version: string;
}

export interface Revealed { value: string }
export interface Queued { queued: number }

/** What the hub pushes while it runs: the live log refreshes on it. */
export interface HubChange { changed: number; at: string }
