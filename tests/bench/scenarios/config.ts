// How big each scenario is: the full run (< 5 minutes) and --smoke (tiny counts, < 30 s).
export interface BenchConfig {
  ingest: { seconds: number; warmupSeconds: number; connections: number; eventBytes: number };
  drain: { deliveries: number; eventBytes: number; concurrency: number; sockets: number; timeoutSeconds: number; baselineSeconds: number };
  memory: { queued: number; partners: number; eventBytes: number; drainSeconds: number; logCalls: number };
  waiting: { seconds: number; failMs: number; slowMs: number };
}

export const FULL: BenchConfig = {
  ingest: { seconds: 10, warmupSeconds: 2, connections: 10, eventBytes: 1024 },
  // The hub's defaults (create-hub.ts DEFAULT_TUNING): 32 attempts in flight, and one keep-alive
  // agent with 16 sockets per partner origin; the baselines get the same.
  // The hub drains the whole backlog; each bare client measures its rate for at most 20 s.
  drain: { deliveries: 100_000, eventBytes: 1024, concurrency: 32, sockets: 16, timeoutSeconds: 150, baselineSeconds: 20 },
  // 1,000,000 deliveries across five partners (200,000 events each taken by all five).
  memory: { queued: 1_000_000, partners: 5, eventBytes: 1024, drainSeconds: 20, logCalls: 20 },
  waiting: { seconds: 5, failMs: 1_500, slowMs: 8_000 },
};

export const SMOKE: BenchConfig = {
  ingest: { seconds: 1, warmupSeconds: 0, connections: 4, eventBytes: 1024 },
  drain: { deliveries: 1_000, eventBytes: 1024, concurrency: 32, sockets: 16, timeoutSeconds: 20, baselineSeconds: 10 },
  memory: { queued: 10_000, partners: 5, eventBytes: 1024, drainSeconds: 1, logCalls: 3 },
  waiting: { seconds: 1, failMs: 800, slowMs: 3_000 },
};
