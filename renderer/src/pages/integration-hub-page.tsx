// Integration Hub: the store's partners as cards — name, health in plain words, how many wait —
// each opening its own Order webhook page, and Add partner (up to the store's limit); below them
// Monitoring, the heartbeat and alerts for head office.
import { useCallback, useEffect, useState } from 'react';
import { MAX_PARTNERS, type PartnerView } from '../../../shared/partners.ts';
import { useClient } from '../client/client-context.tsx';
import { Breadcrumbs } from '../common/breadcrumbs.tsx';
import { errorText } from '../common/format.ts';
import { useLiveRefresh } from '../common/use-live-refresh.ts';
import { useStats } from '../glance/use-stats.ts';
import { PartnerCard } from '../partners/partner-card.tsx';
import { HREF } from '../router.tsx';

export function IntegrationHubPage() {
  const client = useClient();
  const { stats } = useStats();
  const [partners, setPartners] = useState<PartnerView[] | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(() => {
    client.listPartners().then(setPartners, (failure: unknown) => setError(errorText(failure)));
  }, [client]);
  useEffect(load, [load]);
  // Another window may add, rename or remove a partner; the hub reports it as a change.
  useLiveRefresh(load, 2000);
  const full = (partners?.length ?? 0) >= MAX_PARTNERS;

  return (
    <main className="page">
      <Breadcrumbs trail={[{ label: 'Home', to: 'home' }, { label: 'Integration Hub' }]} />
      <h1>Integration Hub</h1>
      <section aria-labelledby="partners-title" className="partners-section">
        <div className="section-head">
          <h2 id="partners-title">Partners</h2>
          <p className="help">Each partner receives the store's orders on its own URLs, with its own API key. Open one to set its Order webhook page.</p>
          {full ? (
            <p className="help" role="note">This store has {MAX_PARTNERS} partners, the most it can have: remove one to add another.</p>
          ) : (
            <a className="button primary" href={HREF['add-partner']}>Add partner</a>
          )}
        </div>
        {error && <p role="alert" className="field-error">Could not load the partners: {error}</p>}
        {!partners && !error && <p className="help">Loading partners…</p>}
        {partners && (
          <ul className="partner-cards" aria-label="Partners">
            {partners.map((partner) => (
              <PartnerCard key={partner.id} partner={partner} health={stats?.partners.find((p) => p.id === partner.id) ?? null} endpoints={stats?.endpoints ?? []} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="head-office-title" className="partners-section">
        <h2 id="head-office-title">Head office</h2>
        <div className="tiles">
          <a className="tile" href={HREF.monitoring}>
            <span className="tile-title">Monitoring</span>
            <span className="tile-text">Send head office a heartbeat and alerts when a partner fails.</span>
          </a>
        </div>
      </section>
    </main>
  );
}
