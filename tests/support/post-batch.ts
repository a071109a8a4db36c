// A POS posting one batch the way a real one does against a hub that may die under it: the answer's
// status, or 'network-error' when the connection broke (a kill, a power cut), bounded at 10 s.
import type { PosEvent } from '../../shared/event.ts';

export interface Batch { ids: string[]; status: number | 'network-error' }
export interface IngestTarget { ingestUrl: string; posToken: string }

export async function postBatch(target: IngestTarget, events: readonly PosEvent[]): Promise<Batch['status']> {
  try {
    const response = await fetch(target.ingestUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.posToken}` },
      body: JSON.stringify(events.length === 1 ? events[0] : { events }),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'network-error';
  }
}
