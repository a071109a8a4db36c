// Which hook an accepted event goes to (contract §2, routing table). Decided once, at acceptance.
import type { PosEvent } from '../../shared/event.ts';
import type { Hook, StoredSettings } from '../../shared/settings.ts';

export function routeEvent(event: Pick<PosEvent, 'type' | 'source'>, settings: Pick<StoredSettings, 'hooks' | 'thirdPartyOrders'>): Hook | null {
  const on = (hook: Hook) => settings.hooks[hook].enabled && settings.hooks[hook].url !== '';
  switch (event.type) {
    case 'check.opened':
      // OLO orders follow the Open toggle; orders rung in at the POS follow "3rd Order Web Hooks is Active".
      if (event.source === 'OLO') return on('open') ? 'open' : null;
      return settings.thirdPartyOrders && settings.hooks.open.url !== '' ? 'open' : null;
    case 'check.updated':
      return on('update') ? 'update' : null;
    case 'check.closed':
      return on('close') ? 'close' : null;
  }
}
