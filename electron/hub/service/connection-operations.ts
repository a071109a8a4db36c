// The POS side of the hub (contract §3, §6): where the POS sends events, its token, when it last sent.
import type { HubOperations } from '../../../shared/client.ts';
import { maskSecret } from '../../../shared/mask.ts';
import type { ServiceContext } from './service-context.ts';

type ConnectionOperations = Pick<HubOperations, 'getConnection' | 'revealPosToken' | 'regeneratePosToken'>;

export function createConnectionOperations(context: ServiceContext): ConnectionOperations {
  const { settings, log } = context;
  return {
    async getConnection() {
      const last = log.lastEventAt();
      return {
        ingestUrls: context.ingestUrls(), posTokenMasked: maskSecret(settings.posToken), ingestHost: context.ingestHost, version: context.version,
        lastEventAt: last === null ? null : new Date(last).toISOString(),
      };
    },
    async revealPosToken() {
      return { value: settings.posToken };
    },
    async regeneratePosToken() {
      return { value: settings.regeneratePosToken() };
    },
  };
}
