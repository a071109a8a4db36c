// The log's query state: filters, the cursor stack behind "Older"/"Newer", and the current page,
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
  if (filters.q && filters.q.trim() !== '') query.q = filters.q.trim();
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
  };
}
