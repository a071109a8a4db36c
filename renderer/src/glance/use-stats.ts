// Stats (queue depth, endpoint health, hourly counts), refreshed live as deliveries change.
import { useCallback, useEffect, useState } from 'react';
import type { Stats } from '../../../shared/api.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText } from '../common/format.ts';
import { useLiveRefresh } from '../common/use-live-refresh.ts';

export interface StatsState {
  stats: Stats | null;
  error: string;
}

export function useStats(): StatsState {
  const client = useClient();
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState('');
  const refresh = useCallback(() => {
    client.getStats().then(
      (next) => {
        setStats(next);
        setError('');
      },
      (failure: unknown) => setError(errorText(failure)),
    );
  }, [client]);
  useEffect(refresh, [refresh]);
  useLiveRefresh(refresh);
  return { stats, error };
}
