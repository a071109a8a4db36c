// Integration Hub → Order webhook: status summary, the POS back office fields, POS connection
// and signing secret.
import { useCallback, useEffect, useState } from 'react';
import type { SettingsView } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { Breadcrumbs } from '../common/breadcrumbs.tsx';
import { errorText } from '../common/format.ts';
import { GlancePanel } from '../glance/glance-panel.tsx';
import { useStats } from '../glance/use-stats.ts';
import { ConnectionPanel } from './connection-panel.tsx';
import { SettingsForm } from './settings-form.tsx';
import { SigningSecretPanel } from './signing-secret-panel.tsx';

export function WebhooksPage() {
  const client = useClient();
  const status = useStats();
  const [view, setView] = useState<SettingsView | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(() => {
    setError('');
    client.getSettings().then(setView, (failure: unknown) => setError(errorText(failure)));
  }, [client]);
  useEffect(load, [load]);

  return (
    <main className="page">
      <Breadcrumbs trail={[{ label: 'Home', to: 'home' }, { label: 'Integration Hub', to: 'integration-hub' }, { label: 'Order webhook' }]} />
      <h1>Order webhook</h1>
      <GlancePanel {...status} compact />
      {error && (
        <div role="alert" className="load-error">
          <p>Could not load the settings: {error}</p>
          <button type="button" onClick={load}>Try again</button>
        </div>
      )}
      {!view && !error && <p className="help">Loading settings…</p>}
      {view && (
        <div className="webhooks-layout">
          <SettingsForm view={view} onSaved={setView} endpoints={status.stats?.endpoints ?? []} />
          <aside className="side-panels">
            <ConnectionPanel />
            <SigningSecretPanel view={view} />
          </aside>
        </div>
      )}
    </main>
  );
}
