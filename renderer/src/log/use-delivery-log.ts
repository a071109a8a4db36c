// The log's query state: filters (starting from the address, e.g. #/deliveries?partner=p2&state=cancelled),
// the cursor stack behind "Older"/"Newer"/"Newest", and the current page, refetched live (throttled)
// so new deliveries and state changes show without a reload.
import { useCallback, useEffect, useRef, useState } from 'react';
import { deliveryStateSchema, type DeliveryPage, type DeliveryQuery, type DeliveryState } from '../../../shared/delivery.ts';
import { hookSchema, type Hook } from '../../../shared/settings.ts';
import { partnerIdSchema } from '../../../shared/partners.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText } from '../common/format.ts';
import { useLiveRefresh } from '../common/use-live-refresh.ts';

export const PAGE_SIZE = 50;

export interface LogFilters {
  partner?: string;
  state?: DeliveryState;
  hook?: Hook;
  q?: string;
}

export function buildQuery(filters: LogFilters, cursor: number | undefined): DeliveryQuery {
  const query: DeliveryQuery = { limit: PAGE_SIZE };
  if (filters.partner) query.partner = filters.partner;
  if (filters.state) query.state = filters.state;
  if (filters.hook) query.hook = filters.hook;
  // Receipts print "#1025": the check number is what follows the "#".
  const q = filters.q?.trim().replace(/^#+\s*/, '');
  if (q) query.q = q;
  if (cursor !== undefined) query.cursor = cursor;
  return query;
}

/** The filters a link put in the address; anything unknown is left out. */
export function filtersFrom(query: URLSearchParams): LogFilters {
  const filters: LogFilters = {};
  const partner = partnerIdSchema.safeParse(query.get('partner'));
  if (partner.success) filters.partner = partner.data;
  const state = deliveryStateSchema.safeParse(query.get('state'));
  if (state.success) filters.state = state.data;
  const hook = hookSchema.safeParse(query.get('hook'));
  if (hook.success) filters.hook = hook.data;
  const q = query.get('q')?.trim();
  if (q) filters.q = q.slice(0, 64);
  return filters;
}

export function useDeliveryLog(initial: LogFilters = {}) {
  const client = useClient();
  const [filters, setFiltersState] = useState<LogFilters>(initial);
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

/** How many pages the filter spans, from the page's `total` (null: a search matching over 10,000). */
export function pageCount(page: DeliveryPage | null): number | null {
  if (!page || page.total === null) return null;
  return Math.max(1, Math.ceil(page.total / PAGE_SIZE));
}
