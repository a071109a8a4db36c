// One partner on Integration Hub: its name (opening its page), its health in plain words, how many
// orders wait for it, and which hooks it takes — small enough for 20 of them on one screen.
import type { EndpointHealth, PartnerHealth } from '../../../shared/api.ts';
import type { PartnerView } from '../../../shared/partners.ts';
import { formatCount } from '../common/format.ts';
import { HOOK_ORDER, shortHook } from '../common/words.ts';
import { healthTone, partnerStatusText } from '../glance/health-text.ts';
import { partnerHref } from '../router.tsx';

interface PartnerCardProps {
  partner: PartnerView;
  /** From the stats; null until they load. */
  health: PartnerHealth | null;
  endpoints: readonly EndpointHealth[];
}

function takes(partner: PartnerView): string {
  const on = HOOK_ORDER.filter((hook) => partner.hooks[hook].enabled).map(shortHook);
  if (partner.thirdPartyOrders && !partner.hooks.open.enabled) on.push('POS orders');
  return on.length === 0 ? 'Sends nothing: every hook is set to NO' : `Sends: ${on.join(', ')}`;
}

export function PartnerCard({ partner, health, endpoints }: PartnerCardProps) {
  const tone = health ? healthTone(health) : 'off';
  return (
    <li className={`partner-card ${tone}`}>
      <a className="partner-card-link" href={partnerHref(partner.id)}>{partner.name}</a>
      <span className="partner-health">{health ? partnerStatusText(health, endpoints) : 'Loading status…'}</span>
      <span className="partner-waiting">
        <strong>{formatCount(health?.waiting ?? 0)}</strong> waiting
        {health && health.notDelivered > 0 && <span className="attention"> · {formatCount(health.notDelivered)} not delivered</span>}
      </span>
      <span className="help">{takes(partner)}</span>
    </li>
  );
}
