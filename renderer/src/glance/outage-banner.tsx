// The banner a manager cannot miss while a partner (or the store's internet) is down.
import type { Stats } from '../../../shared/api.ts';
import { HOOK_LABELS } from '../../../shared/settings.ts';
import { formatTime, plural } from '../common/format.ts';

export function OutageBanner({ stats }: { stats: Stats }) {
  const down = stats.endpoints.filter((endpoint) => endpoint.enabled && (endpoint.status === 'backing-off' || endpoint.goneAt));
  if (down.length === 0) return null;
  const enabled = stats.endpoints.filter((endpoint) => endpoint.enabled);
  const hosts = new Set(down.map((endpoint) => safeHost(endpoint.url)));
  const everything = down.length === enabled.length && hosts.size > 1;
  const waiting = down.reduce((sum, endpoint) => sum + endpoint.waiting, 0);
  const since = down.map((endpoint) => endpoint.failingSince).filter((at): at is string => at !== null).sort()[0];
  const names = down.map((endpoint) => HOOK_LABELS[endpoint.hook]).join(', ');
  const headline = everything
    ? 'No partner can be reached — the internet connection may be down.'
    : down.every((endpoint) => endpoint.goneAt)
      ? `The partner asked us to stop sending (410 Gone): ${names}.`
      : `Partner not answering: ${names}.`;
  return (
    <div className="banner" role="alert">
      <strong>{headline}</strong>{' '}
      {plural(waiting, 'order')} waiting{since ? ` since ${formatTime(since)}` : ''}. Nothing is lost: they are sent automatically as soon as the partner answers again.
      {down.some((endpoint) => endpoint.lastError) && <span className="banner-detail"> Last error: {down.find((endpoint) => endpoint.lastError)?.lastError}</span>}
    </div>
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
