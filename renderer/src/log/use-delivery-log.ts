// The log's query state: filters, the cursor stack behind "Older"/"Newer"/"Newest", and the current page,
// refetched live (throttled) so new deliveries and state changes show without a reload.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeliveryPage, DeliveryQuery, DeliveryState } from '../../../shared/delivery.ts';
import type { Hook } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText } from '../common/format.ts';
import { useLiveRefresh } from '../common/use-live-refresh.ts';

export const PAGE_SIZE = 50;

export interface LogFilters {
  state?: DeliveryState;
  hook?: Hook;
  q?: string;
}

export function buildQuery(filters: LogFilters, cursor: number | undefined): DeliveryQuery {
  const query: DeliveryQuery = { limit: PAGE_SIZE };
  if (filters.state) query.state = filters.state;
  if (filters.hook) query.hook = filters.hook;
  // Receipts print "#1025": the check number is what follows the "#".
  const q = filters.q?.trim().replace(/^#+\s*/, '');
  if (q) query.q = q;
  if (cursor !== undefined) query.cursor = cursor;
  return query;
}

export function useDeliveryLog() {
  const client = useClient();
  const [filters, setFiltersState] = useState<LogFilters>({});
  /** Cursors of the pages we walked through; the last one is the page on screen. */
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [page, setPage] = useState<DeliveryPage | null>(null);
  const [error, setError] = useState('');
  const latestRequest = useRef(0);
  const cursor = cursors[cursors.length - 1];

  const load = useCallback(() => {
    const request = ++latestRequest.current;
    client.listDeliveries(buildQuery(filters, cursor)).then(
      (next) => {
        if (request !== latestRequest.current) return;
        setPage(next);
        setError('');
      },
      (failure: unknown) => {
        if (request === latestRequest.current) setError(errorText(failure));
      },
    );
  }, [client, filters, cursor]);

  useEffect(load, [load]);
  useLiveRefresh(load);

  return {
    filters,
    page,
    error,
    pageNumber: cursors.length,
    reload: load,
    setFilters: (next: LogFilters) => {
      setFiltersState(next);
      setCursors([undefined]);
    },
    older: () => {
      if (page?.nextCursor) setCursors([...cursors, page.nextCursor]);
    },
    newer: () => setCursors(cursors.length > 1 ? cursors.slice(0, -1) : cursors),
    newest: () => setCursors([undefined]),
  };
}

/**
 * How many pages the filter spans, when the stats' counts tell (no hook or check-number filter:
 * the counts are per state only); null otherwise. Live counts, so it can be a row or two off.
 */
export function pageCount(filters: LogFilters, counts: Record<DeliveryState, number> | undefined): number | null {
  if (!counts || filters.hook || filters.q) return null;
  const total = filters.state ? counts[filters.state] : Object.values(counts).reduce((sum, n) => sum + n, 0);
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}
