// Every admin operation (contract §6–§7) over the outbox, the partners and the dispatcher. The
// admin HTTP API and Electron's IPC both delegate here, so they cannot drift apart.
import { HubError, type HubOperations } from '../../shared/client.ts';
import { statsQuerySchema } from '../../shared/api.ts';
import { zodDetails } from '../../shared/errors.ts';
import { createPartnerOperations } from './service/partner-operations.ts';
import { createDeliveryOperations } from './service/delivery-operations.ts';
import { createConnectionOperations } from './service/connection-operations.ts';
import { createMonitoringOperations } from './service/monitoring-operations.ts';
import { createStatsView } from './service/stats-view.ts';
import type { ServiceContext } from './service/service-context.ts';

export type { ServiceContext };

export function createHubService(context: ServiceContext): HubOperations {
  const view = createStatsView(context);
  return {
    ...createPartnerOperations(context, view.endpointView),
    ...createDeliveryOperations(context, context.deliveries.sourceOf),
    ...createConnectionOperations(context),
    ...createMonitoringOperations(context),
    async getStats(query) {
      const parsed = statsQuerySchema.safeParse(query ?? {});
      if (!parsed.success) throw new HubError('invalid_query', 'The stats query is invalid', zodDetails(parsed.error), 400);
      return view.stats(parsed.data);
    },
  };
}
