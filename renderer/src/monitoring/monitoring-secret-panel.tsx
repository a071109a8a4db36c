// The Monitoring page's signing secret: the Webhooks page's panel as it is, handed a client whose
// reveal and rotate are the Monitoring page's.
import { useMemo } from 'react';
import type { HubClient } from '../../../shared/client.ts';
import type { MonitoringView } from '../../../shared/monitoring.ts';
import { ClientProvider, useClient } from '../client/client-context.tsx';
import { SigningSecretPanel } from '../webhooks/signing-secret-panel.tsx';

export function MonitoringSecretPanel({ view }: { view: MonitoringView }) {
  const client = useClient();
  // Everything else is the page's own client (its prototype), whatever transport it is.
  const ownSecret = useMemo((): HubClient => Object.create(client, {
    revealSigningSecret: { value: () => client.revealMonitoringSecret() },
    rotateSigningSecret: { value: () => client.rotateMonitoringSecret() },
  }) as HubClient, [client]);
  return (
    <ClientProvider client={ownSecret}>
      <SigningSecretPanel view={view} />
    </ClientProvider>
  );
}
