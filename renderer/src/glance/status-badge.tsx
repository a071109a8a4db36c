// The top bar's one-line status, on every page: what needs the manager first, linking to the log.
// With several partners it names the one in trouble ("Loyalty Co not answering, 12 waiting").
import type { Stats } from '../../../shared/api.ts';
import { formatCount } from '../common/format.ts';
import { HREF } from '../router.tsx';
import { useStats } from './use-stats.ts';

type Tone = 'ok' | 'busy' | 'bad' | 'unknown';

const TROUBLE = [
  { word: 'asked to stop', matches: (s: { status: string; goneAt: string | null }) => s.goneAt !== null || s.status === 'stopped' },
  { word: 'refusing orders', matches: (s: { status: string }) => s.status === 'rejecting' },
  { word: 'not answering', matches: (s: { status: string }) => s.status === 'backing-off' },
] as const;

function troubleText(stats: Stats): string | null {
  const enabled = stats.endpoints.filter((endpoint) => endpoint.enabled);
  for (const { word, matches } of TROUBLE) {
    const partners = [...new Set(enabled.filter(matches).map((endpoint) => endpoint.partnerId))];
    if (partners.length === 0) continue;
    if (stats.partners.length <= 1) return `partner ${word}`;
    if (partners.length > 1) return `${partners.length} partners ${word}`;
    return `${stats.partners.find((partner) => partner.id === partners[0])?.name ?? 'a partner'} ${word}`;
  }
  return null;
}

export function statusSummary(stats: Stats | null, error: string): { text: string; tone: Tone } {
  if (!stats) return { text: error ? 'status unknown' : 'loading…', tone: 'unknown' };
  const trouble = troubleText(stats);
  const parts: string[] = [];
  if (trouble) parts.push(trouble);
  if (stats.notDelivered > 0) parts.push(`${formatCount(stats.notDelivered)} not delivered`);
  if (stats.queueDepth > 0) parts.push(`${formatCount(stats.queueDepth)} waiting`);
  if (parts.length === 0) return { text: 'all sent', tone: 'ok' };
  return { text: parts.join(', '), tone: trouble || stats.notDelivered > 0 ? 'bad' : 'busy' };
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
