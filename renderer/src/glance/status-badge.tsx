// The top bar's one-line status, on every page: what needs the manager first, linking to the log.
import type { Stats } from '../../../shared/api.ts';
import { HREF } from '../router.tsx';
import { useStats } from './use-stats.ts';

type Tone = 'ok' | 'busy' | 'bad' | 'unknown';

export function statusSummary(stats: Stats | null, error: string): { text: string; tone: Tone } {
  if (!stats) return { text: error ? 'status unknown' : 'loading…', tone: 'unknown' };
  const down = stats.endpoints.filter((endpoint) => endpoint.enabled && (endpoint.status === 'backing-off' || endpoint.status === 'rejecting' || endpoint.goneAt));
  const notDelivered = stats.counts.failed + stats.counts.dead;
  const parts: string[] = [];
  if (down.some((endpoint) => endpoint.goneAt)) parts.push('partner asked to stop');
  else if (down.some((endpoint) => endpoint.status === 'rejecting')) parts.push('partner refusing orders');
  else if (down.length > 0) parts.push('partner not answering');
  if (notDelivered > 0) parts.push(`${notDelivered} not delivered`);
  if (stats.queueDepth > 0) parts.push(`${stats.queueDepth} waiting`);
  if (parts.length === 0) return { text: 'all sent', tone: 'ok' };
  return { text: parts.join(', '), tone: down.length > 0 || notDelivered > 0 ? 'bad' : 'busy' };
}

export function StatusBadge() {
  const { stats, error } = useStats();
  const { text, tone } = statusSummary(stats, error);
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return (
    <a className={`status-badge ${tone}`} href={HREF.deliveries} aria-label={`Status: ${text}`} title="Open the delivery log">
      {sentence}
    </a>
  );
}
