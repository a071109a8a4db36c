// One partner's Order webhook page (Integration Hub → partner): its status and 24 h chart, the POS
// back office fields with its name, POS connection, its signing secret and Remove partner. The
// same component serves every partner; without an id it is the first partner's page (the
// `#/integration-hub/order-webhook` address of a single-partner store).
import { useCallback, useEffect, useState } from 'react';
import type { PartnerView, RemovedPartner } from '../../../shared/partners.ts';
import { useClient } from '../client/client-context.tsx';
import { Breadcrumbs } from '../common/breadcrumbs.tsx';
import { GlancePanel } from '../glance/glance-panel.tsx';
import { usePartnerStats, useStats } from '../glance/use-stats.ts';
import { partnerErrorText } from '../partners/partner-errors.ts';
import { RemovedNotice } from '../partners/removed-notice.tsx';
import { RemovePartner } from '../partners/remove-partner.tsx';
import { ConnectionPanel } from './connection-panel.tsx';
import { SettingsForm } from './settings-form.tsx';
import { SigningSecretPanel } from './signing-secret-panel.tsx';

async function loadPartner(client: ReturnType<typeof useClient>, partnerId: string | undefined): Promise<PartnerView> {
  if (partnerId !== undefined) return client.getPartner(partnerId);
  const [first] = await client.listPartners();
  if (!first) throw new Error('The hub has no partner page');
  return first;
}

export function WebhooksPage({ partnerId }: { partnerId?: string }) {
  const client = useClient();
  const store = useStats();
  const [view, setView] = useState<PartnerView | null>(null);
  const [removed, setRemoved] = useState<RemovedPartner | null>(null);
  const [error, setError] = useState('');
  // Once removed, the partner has no stats any more (asking would be answered 404).
  const status = usePartnerStats(removed ? null : (view?.id ?? partnerId));
  const load = useCallback(() => {
    setError('');
    loadPartner(client, partnerId).then(setView, (failure: unknown) => setError(partnerErrorText(failure)));
  }, [client, partnerId]);
  useEffect(load, [load]);

  // A Save can end a rejection or an outage (a new key or URL) without a delivery changing, so
  // the hub pushes nothing: ask for the status again.
  const saved = (next: PartnerView) => {
    setView(next);
    status.refresh?.();
    store.refresh?.();
  };
  const name = view?.name ?? 'Order webhook';
  const endpoints = (status.stats?.endpoints ?? []).filter((endpoint) => endpoint.partnerId === view?.id);
  const waiting = status.stats?.partners.find((partner) => partner.id === view?.id)?.waiting ?? 0;
  return (
    <main className="page">
      <Breadcrumbs trail={[{ label: 'Home', to: 'home' }, { label: 'Integration Hub', to: 'integration-hub' }, { label: name }]} />
      <h1>{name}</h1>
      {removed ? (
        <RemovedNotice removed={removed} />
      ) : (
        <>
          {view && <p className="page-lead">Order webhook: the checks the POS sends go to this partner's URLs below.</p>}
          {view && <GlancePanel {...status} partnerId={view.id} />}
          {error && (
            <div role="alert" className="load-error">
              <p>Could not load the settings: {error}</p>
              <button type="button" onClick={load}>Try again</button>
            </div>
          )}
          {!view && !error && <p className="help">Loading settings…</p>}
          {view && (
            <div className="webhooks-layout">
              <SettingsForm key={view.id} view={view} onSaved={saved} endpoints={endpoints} />
              <aside className="side-panels">
                <ConnectionPanel />
                <SigningSecretPanel key={view.id} view={view} reveal={() => client.revealPartnerSigningSecret(view.id)} rotate={() => client.rotatePartnerSigningSecret(view.id)} />
                <RemovePartner partner={view} waiting={waiting} partnerCount={store.stats?.partners.length ?? 2} onRemoved={(gone) => {
                  setRemoved(gone);
                  store.refresh?.();
                }} />
              </aside>
            </div>
          )}
        </>
      )}
    </main>
  );
}
