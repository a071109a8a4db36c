// Re-runs `refresh` when the hub reports changes, at most once per `minGapMs` (the log can change
// hundreds of times a second while a backlog drains), always ending with one trailing refresh.
import { useEffect, useRef } from 'react';
import { useClient } from '../client/client-context.tsx';

export function useLiveRefresh(refresh: () => void, minGapMs = 500): void {
  const client = useClient();
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    let lastRun = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = () => {
      timer = null;
      lastRun = Date.now();
      latest.current();
    };
    const unsubscribe = client.onChange(() => {
      if (timer) return;
      timer = setTimeout(run, Math.max(0, lastRun + minGapMs - Date.now()));
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [client, minGapMs]);
}
