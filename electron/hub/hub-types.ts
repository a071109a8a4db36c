// The hub core's outside face: what the composition root takes and returns. Both the Electron
// entry and the headless entry build the hub through `createHub(options)` (create-hub.ts).
import type { HubOperations } from '../../shared/client.ts';
import type { HubChange } from '../../shared/api.ts';

/** Time source; tests inject a manual clock so backoff tests need no timers. */
export interface Clock {
  now(): number;
}

/** Turns a secret into what is written to disk and back (Electron: safeStorage; headless: identity). */
export interface SecretCodec {
  readonly kind: string;
  encode(plain: string): string;
  decode(stored: string): string;
}

export interface HubOptions {
  /** Folder holding hub.db (SQLite outbox) and config.json (settings, tokens). */
  dataDir: string;
  /** Ingest listens here; default 0.0.0.0:8787. Port 0 lets the OS choose. */
  ingestHost?: string;
  ingestPort?: number;
  /** Admin API + renderer on 127.0.0.1; default 8788. `null` starts no admin server (Electron uses IPC). */
  adminPort?: number | null;
  /** Built renderer files served by the admin server (dist/renderer). */
  rendererDir?: string;
  /** Presets for the two tokens (HUB_POS_TOKEN / HUB_ADMIN_TOKEN); otherwise generated once and kept. */
  posToken?: string;
  adminToken?: string;
  /** HUB_METRICS_TOKEN: a read-only token that opens `GET /metrics` and nothing else (the admin token opens it too). */
  metricsToken?: string;
  clock?: Clock;
  /**
   * Monotonic milliseconds (default performance.now) against which jumps of the clock are told
   * (clock-jumps.ts). Watched with the real clock, or when a test passes both.
   */
  monotonic?: () => number;
  random?: () => number;
  secretCodec?: SecretCodec;
  /** better-sqlite3 addon built for the host runtime (Electron's ABI); unset uses node_modules' Node build. */
  nativeBinding?: string;
  /** Dispatcher tuning; defaults suit a store PC. */
  delivery?: Partial<DeliveryTuning>;
  /** Where log lines go (JSON lines); default stdout. */
  logDestination?: NodeJS.WritableStream;
  logLevel?: string;
}

export interface DeliveryTuning {
  /** Attempts in flight across all endpoints. */
  concurrency: number;
  /** Attempts in flight to one healthy endpoint. */
  perEndpointConcurrency: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Delivered rows older than this are pruned. */
  retentionDays: number;
}

export interface Hub {
  /** Every admin operation (settings, log, retries, stats); IPC and the admin API delegate here. */
  readonly service: HubOperations;
  /** Live changes of the delivery log; returns the unsubscribe function. */
  onChange(listener: (change: HubChange) => void): () => void;
  /** e.g. http://127.0.0.1:8787/v1/events, with the port actually bound. */
  readonly ingestUrl: string;
  /** e.g. http://127.0.0.1:8788/?token=…, or null when no admin server runs. */
  readonly adminUrl: string | null;
  readonly posToken: string;
  readonly adminToken: string;
  readonly version: string;
  /** Stops taking events, lets in-flight attempts finish (or returns them to the queue), closes SQLite. */
  close(): Promise<void>;
}
