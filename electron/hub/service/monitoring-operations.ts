// The Monitoring page's operations (contract §8): read and save it (validated, nothing half-saved),
// Send heartbeat now, and its signing secret. Saving sends a heartbeat at once.
import { HubError, type HubOperations } from '../../../shared/client.ts';
import { monitoringInputSchema } from '../../../shared/monitoring.ts';
import { zodDetails } from '../../../shared/errors.ts';
import { generateSigningSecret } from '../delivery/signature.ts';
import { mergeMonitoring, monitoringViewOf, withNewSecret } from '../monitoring/monitoring-page.ts';
import type { ServiceContext } from './service-context.ts';

export type MonitoringOperationName = 'getMonitoring' | 'saveMonitoring' | 'sendHeartbeatNow' | 'revealMonitoringSecret' | 'rotateMonitoringSecret';
type MonitoringOperations = Pick<HubOperations, MonitoringOperationName>;

export function createMonitoringOperations(context: Pick<ServiceContext, 'settings' | 'monitoring' | 'clock'>): MonitoringOperations {
  const { settings, monitoring, clock } = context;
  const view = () => monitoringViewOf(settings.monitoring(), settings.hubId, monitoring.status());

  return {
    async getMonitoring() {
      return view();
    },

    async saveMonitoring(input) {
      const parsed = monitoringInputSchema.safeParse(input);
      if (!parsed.success) throw new HubError('invalid_monitoring', 'Some settings need fixing; nothing was saved', zodDetails(parsed.error), 400);
      const before = settings.monitoring();
      const next = mergeMonitoring(before, parsed.data, clock.now());
      settings.saveMonitoring(next);
      await monitoring.saved(before, next, { heartbeat: true });
      return view();
    },

    async sendHeartbeatNow() {
      if (settings.monitoring().url === '') {
        throw new HubError('no_url', 'Enter and save the heartbeat URL before sending a heartbeat', [{ path: 'url', message: 'No URL saved' }], 400);
      }
      return monitoring.sendNow();
    },

    async revealMonitoringSecret() {
      return { value: settings.monitoring().signingSecret ?? '' };
    },

    async rotateMonitoringSecret() {
      const before = settings.monitoring();
      const secret = generateSigningSecret();
      const next = withNewSecret(before, secret, clock.now());
      settings.saveMonitoring(next);
      await monitoring.saved(before, next, { heartbeat: false });
      return { value: secret };
    },
  };
}
