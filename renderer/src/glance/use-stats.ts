// Stats (queue depth, endpoint health, hourly counts), fetched once for the whole app — the top-bar
// badge and the page's panel read the same copy — and refreshed live as deliveries change. One
// partner's page reads that partner's own stats (its counts and its 24 h chart) the same way.
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Stats } from '../../../shared/api.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText } from '../common/format.ts';
import { useLiveRefresh } from '../common/use-live-refresh.ts';

export interface StatsState {
  stats: Stats | null;
  error: string;
  /** Fetch again now: after an action whose effect the hub may not push (a Save that resets health). */
  refresh?: () => void;
}

const StatsContext = createContext<StatsState | null>(null);
const STATS_EVERY_MS = 30_000;

/** Fetches `getStats(query)` now and on every hub change; `partner: null` fetches nothing (a removed partner). */
function useLiveStats(partner: string | undefined | null): StatsState {
  const client = useClient();
  const [state, setState] = useState<StatsState>({ stats: null, error: '' });
  const refresh = useCallback(() => {
    if (partner === null) return;
    client.getStats(partner === undefined ? undefined : { partner }).then(
      (stats) => setState({ stats, error: '' }),
      (failure: unknown) => setState((previous) => ({ stats: previous.stats, error: errorText(failure) })),
    );
  }, [client, partner]);
  useEffect(() => {
    setState({ stats: null, error: '' });
    refresh();
  }, [refresh]);
  useLiveRefresh(refresh);
  // Some of what stats say changes with time alone ("Partner is back" fades, a next check comes
  // due), with no delivery changing to push it: look again now and then.
  useEffect(() => {
    if (partner === null) return;
    const timer = setInterval(refresh, STATS_EVERY_MS);
    return () => clearInterval(timer);
  }, [refresh, partner]);
  return useMemo(() => ({ ...state, refresh }), [state, refresh]);
}

export function StatsProvider({ children }: { children: ReactNode }) {
  return createElement(StatsContext.Provider, { value: useLiveStats(undefined) }, children);
}

export function useStats(): StatsState {
  const state = useContext(StatsContext);
  if (!state) throw new Error('useStats needs a <StatsProvider> above it (app.tsx puts one around every page)');
  return state;
}

/** One partner's stats (`getStats({partner})`); without a partner, the whole store's; null: none. */
export function usePartnerStats(partnerId: string | undefined | null): StatsState {
  const store = useStats();
  const own = useLiveStats(partnerId ?? null);
  return partnerId === undefined ? store : own;
}
