// Integration Hub → Monitoring (contract §8): the heartbeat and alerts for head office — the form,
// how sending goes, and the signing secret head office checks them with.
import { useCallback, useEffect, useState } from 'react';
import type { MonitoringView } from '../../../shared/monitoring.ts';
import { useClient } from '../client/client-context.tsx';
import { Breadcrumbs } from '../common/breadcrumbs.tsx';
import { errorText } from '../common/format.ts';
import { HeadOfficeStatus } from './head-office-status.tsx';
import { MonitoringForm } from './monitoring-form.tsx';
import { MonitoringSecretPanel } from './monitoring-secret-panel.tsx';
import './monitoring.css';

export function MonitoringPage() {
  const client = useClient();
  const [view, setView] = useState<MonitoringView | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(() => {
    setError('');
    client.getMonitoring().then(setView, (failure: unknown) => setError(errorText(failure)));
  }, [client]);
  useEffect(load, [load]);

  return (
    <main className="page">
      <Breadcrumbs trail={[{ label: 'Home', to: 'home' }, { label: 'Integration Hub', to: 'integration-hub' }, { label: 'Monitoring' }]} />
      <h1>Monitoring</h1>
      <p className="help monitoring-intro">
        For chains: this store sends head office a signed heartbeat (queue, partners' health) every interval, and an alert when a
        partner starts failing and when it recovers.
      </p>
      {error && (
        <div role="alert" className="load-error">
          <p>Could not load the monitoring settings: {error}</p>
          <button type="button" onClick={load}>Try again</button>
        </div>
      )}
      {!view && !error && <p className="help">Loading settings…</p>}
      {view && (
        <div className="webhooks-layout">
          <MonitoringForm view={view} onSaved={setView} onSent={load} />
          <aside className="side-panels">
            <HeadOfficeStatus view={view} />
            <MonitoringSecretPanel view={view} />
          </aside>
        </div>
      )}
    </main>
  );
}
