// Stats (queue depth, endpoint health, hourly counts), fetched once for the whole app — the top-bar
// badge and the page's panel read the same copy — and refreshed live as deliveries change.
import { createContext, createElement, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Stats } from '../../../shared/api.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText } from '../common/format.ts';
import { useLiveRefresh } from '../common/use-live-refresh.ts';

export interface StatsState {
  stats: Stats | null;
  error: string;
}

const StatsContext = createContext<StatsState | null>(null);

export function StatsProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [state, setState] = useState<StatsState>({ stats: null, error: '' });
  const refresh = useCallback(() => {
    client.getStats().then(
      (stats) => setState({ stats, error: '' }),
      (failure: unknown) => setState((previous) => ({ stats: previous.stats, error: errorText(failure) })),
    );
  }, [client]);
  useEffect(refresh, [refresh]);
  useLiveRefresh(refresh);
  return createElement(StatsContext.Provider, { value: state }, children);
}

export function useStats(): StatsState {
  const state = useContext(StatsContext);
  if (!state) throw new Error('useStats needs a <StatsProvider> above it (app.tsx puts one around every page)');
  return state;
}
