// The Monitoring page's signing secret: the Webhooks page's panel, with head office's reveal and rotate.
import type { MonitoringView } from '../../../shared/monitoring.ts';
import { useClient } from '../client/client-context.tsx';
import { SigningSecretPanel } from '../webhooks/signing-secret-panel.tsx';

export function MonitoringSecretPanel({ view }: { view: MonitoringView }) {
  const client = useClient();
  return <SigningSecretPanel view={view} reveal={() => client.revealMonitoringSecret()} rotate={() => client.rotateMonitoringSecret()} receiver="head office" />;
}
