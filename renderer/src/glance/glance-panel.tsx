// "At a glance": outage banner, queue depth, each endpoint's health and (in full) the hourly chart.
import { HOOK_LABELS } from '../../../shared/settings.ts';
import { byHookOrder } from '../common/words.ts';
import { HREF } from '../router.tsx';
import { HourlyChart } from './hourly-chart.tsx';
import { healthDetail, healthText, healthTone } from './health-text.ts';
import { OutageBanner } from './outage-banner.tsx';
import type { StatsState } from './use-stats.ts';

export function GlancePanel({ stats, error, compact = false }: StatsState & { compact?: boolean }) {
  if (!stats) {
    return <section className="glance" aria-label="At a glance">{error ? <p role="alert" className="field-error">Could not load the hub's status: {error}</p> : <p className="help">Loading status…</p>}</section>;
  }
  return (
    <section className={`glance${compact ? ' compact' : ''}`} aria-label="At a glance">
      <OutageBanner stats={stats} />
      <div className="glance-row">
        <div className="queue">
          <p>
            <strong className="queue-number">{stats.queueDepth}</strong> <span className="queue-label">waiting to be sent</span>
          </p>
          {stats.counts.failed + stats.counts.dead > 0 && (
            <p className="attention" title="Failed: the partner refused them. Gave up: the retry limit ran out. Re-send them from the delivery log once the partner has fixed its side.">
              Not delivered: {[stats.counts.failed > 0 && `${stats.counts.failed} failed`, stats.counts.dead > 0 && `${stats.counts.dead} gave up`].filter(Boolean).join(' · ')}
            </p>
          )}
          {compact && <a href={HREF.deliveries}>Open the delivery log</a>}
        </div>
        <ul className="endpoints" aria-label="Endpoint health">
          {byHookOrder(stats.endpoints).map((endpoint) => (
            <li key={endpoint.hook} className={`endpoint ${healthTone(endpoint)}`}>
              <span className="endpoint-name">{HOOK_LABELS[endpoint.hook]}</span>
              <span className="endpoint-health" title={healthDetail(endpoint)}>{healthText(endpoint)}</span>
            </li>
          ))}
        </ul>
        {!compact && <HourlyChart hourly={stats.hourly} />}
      </div>
      {error && <p className="help">Status may be out of date: {error}</p>}
    </section>
  );
}
