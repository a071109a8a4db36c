// "At a glance": the banner, the one waiting number, what was not delivered or cancelled, and the
// health of each hook — or, when the store has several partners, of each partner (its worst hook)
// — plus (in full) the hourly chart.
import type { Stats } from '../../../shared/api.ts';
import { HOOK_LABELS } from '../../../shared/settings.ts';
import { formatCount } from '../common/format.ts';
import { byHookOrder } from '../common/words.ts';
import { HREF, deliveriesHref, partnerHref } from '../router.tsx';
import { HourlyChart } from './hourly-chart.tsx';
import { healthDetail, healthText, healthTone, partnerHealthText } from './health-text.ts';
import { OutageBanner } from './outage-banner.tsx';
import type { StatsState } from './use-stats.ts';

interface GlanceProps extends StatsState {
  compact?: boolean;
  /** The panel of one partner's page: its stats only, no link to itself. */
  partnerId?: string;
}

function EndpointList({ stats }: { stats: Stats }) {
  return (
    <ul className="endpoints" aria-label="Endpoint health">
      {byHookOrder(stats.endpoints).map((endpoint) => (
        <li key={`${endpoint.partnerId}-${endpoint.hook}`} className={`endpoint ${healthTone(endpoint)}`}>
          <span className="endpoint-name">{HOOK_LABELS[endpoint.hook]}</span>
          <span className="endpoint-health" title={healthDetail(endpoint)}>{healthText(endpoint)}</span>
        </li>
      ))}
    </ul>
  );
}

function PartnerList({ stats }: { stats: Stats }) {
  return (
    <ul className="endpoints partners-health" aria-label="Partner health">
      {stats.partners.map((partner) => (
        <li key={partner.id} className={`endpoint ${healthTone(partner)}`}>
          <a className="endpoint-name" href={partnerHref(partner.id)}>{partner.name}</a>
          <span className="endpoint-health">{partnerHealthText(partner, stats.endpoints)}</span>
        </li>
      ))}
    </ul>
  );
}

export function GlancePanel({ stats, error, compact = false, partnerId }: GlanceProps) {
  if (!stats) {
    return <section className="glance" aria-label="At a glance">{error ? <p role="alert" className="field-error">Could not load the hub's status: {error}</p> : <p className="help">Loading status…</p>}</section>;
  }
  const several = stats.partners.length > 1;
  return (
    <section className={`glance${compact ? ' compact' : ''}`} aria-label="At a glance">
      <OutageBanner stats={stats} onPartnerPage={partnerId !== undefined} />
      <div className="glance-row">
        <div className="queue">
          <p>
            <strong className="queue-number">{formatCount(stats.queueDepth)}</strong> <span className="queue-label">waiting to be sent</span>
          </p>
          {stats.notDelivered > 0 && (
            <p className="attention" title="Refused by the partner, or given up after the retry limit, and not yet delivered by a re-sent copy. Re-send them once the partner has fixed its side.">
              Not delivered: {formatCount(stats.notDelivered)}
            </p>
          )}
          {stats.counts.cancelled > 0 && (
            <p className="cancelled-count">
              <a href={deliveriesHref({ partner: partnerId, state: 'cancelled' })}>Cancelled: {formatCount(stats.counts.cancelled)}</a>
            </p>
          )}
          {compact && <a href={partnerId ? deliveriesHref({ partner: partnerId }) : HREF.deliveries}>Open the delivery log</a>}
        </div>
        {several ? <PartnerList stats={stats} /> : <EndpointList stats={stats} />}
        {!compact && <HourlyChart hourly={stats.hourly} />}
      </div>
      {error && <p className="help">Status may be out of date: {error}</p>}
    </section>
  );
}
