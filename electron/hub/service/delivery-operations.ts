// The delivery log's operations (contract §5–§6): list, open one, Retry now, Re-send, bulk re-send.
// A hook set to NO (or a removed partner) sends nothing: retrying or re-sending into it is refused
// with words the manager understands.
import { HubError, type HubOperations } from '../../../shared/client.ts';
import { HOOKS, HOOK_LABELS, type Hook } from '../../../shared/settings.ts';
import { bulkResendSchema, deliveryQuerySchema } from '../../../shared/delivery.ts';
import { EVENT_SOURCES, type EventSource } from '../../../shared/event.ts';
import { zodDetails } from '../../../shared/errors.ts';
import { acceptsSource } from '../settings/apply-settings.ts';
import type { DeliveryRow } from '../outbox/rows.ts';
import type { ServiceContext } from './service-context.ts';

type DeliveryOperations = Pick<HubOperations, 'listDeliveries' | 'getDelivery' | 'retryDelivery' | 'resendDelivery' | 'resendBulk'>;

export function createDeliveryOperations(context: ServiceContext, sourceOf: (eventSeq: number) => EventSource): DeliveryOperations {
  const { deliveries, log, partners, health, clock, dispatcher } = context;

  function mustExist<T>(value: T | null | undefined, id: number): T {
    if (value === null || value === undefined) throw new HubError('not_found', `Delivery ${id} does not exist`, [], 404);
    return value;
  }

  /** Refuses to send a delivery its partner no longer takes. */
  function mustBeWanted(row: DeliveryRow, action: string) {
    const partner = partners.get(row.partner_id);
    if (!partner) {
      throw new HubError('partner_removed', `${partners.nameOf(row.partner_id)} was removed from this store, so nothing is sent to it any more; add the partner again to ${action}`, [], 409);
    }
    if (!acceptsSource(partner, row.hook, sourceOf(row.event_seq))) {
      const what = row.hook === 'open' && sourceOf(row.event_seq) === 'POS' ? '3rd Order Web Hooks is Active' : HOOK_LABELS[row.hook];
      throw new HubError('hook_off', `${what} is set to NO for ${partner.name}, so this order is not sent. Turn it to YES on the partner's page first if the partner should receive it.`, [], 409);
    }
  }

  return {
    async listDeliveries(query) {
      const parsed = deliveryQuerySchema.safeParse(query);
      if (!parsed.success) throw new HubError('invalid_query', 'The log filter is invalid', zodDetails(parsed.error), 400);
      return log.list(parsed.data);
    },

    async getDelivery(id) {
      return mustExist(log.get(id), id);
    },

    async retryDelivery(id) {
      const row = mustExist(deliveries.get(id), id);
      if (row.state !== 'delivered' && row.state !== 'delivering') mustBeWanted(row, 'retry it');
      const outcome = deliveries.retryNow(id, clock.now());
      if (outcome === 'missing') mustExist(null, id);
      if (outcome === 'busy') throw new HubError('in_flight', 'This delivery is being sent right now', [], 409);
      if (outcome === 'delivered') throw new HubError('already_delivered', 'This delivery was already delivered; use Re-send to send a fresh copy', [], 409);
      if (outcome === 'blocked') {
        const head = mustExist(log.get(id), id).waitingFor;
        throw new HubError('waiting_for_earlier', `This delivery waits for an earlier delivery of the same check${head ? ` (#${head})` : ''}; it goes as soon as that one is done — retry that one instead`, [], 409);
      }
      health.probeNow({ partnerId: row.partner_id, hook: row.hook });
      context.notify(1);
      dispatcher.wake();
      return mustExist(log.get(id), id);
    },

    async resendDelivery(id) {
      const original = mustExist(deliveries.get(id), id);
      if (original.state === 'pending' || original.state === 'retrying' || original.state === 'delivering') {
        throw new HubError('still_active', 'This delivery is still being attempted; use Retry now instead', [], 409);
      }
      mustBeWanted(original, 're-send it');
      const copyId = deliveries.resend(id, clock.now())!;
      context.notify(1);
      dispatcher.wake();
      return mustExist(log.get(copyId), copyId);
    },

    async resendBulk(input) {
      const parsed = bulkResendSchema.safeParse(input);
      if (!parsed.success) throw new HubError('invalid_request', 'The re-send request is invalid', zodDetails(parsed.error), 400);
      const { partner, hook, states, since, until, dryRun } = parsed.data;
      if (partner !== undefined && !partners.get(partner)) {
        throw new HubError('not_found', `There is no partner ${partner}`, [{ path: 'partner', message: 'No such partner' }], 404);
      }
      const hooks: Hook[] = hook === undefined || hook === 'all' ? [...HOOKS] : [hook];
      // Only what the partners still take: a hook set to NO sends nothing, so it is not counted either.
      const routes = partners.list().flatMap((p) => hooks.flatMap((h) => EVENT_SOURCES.filter((s) => acceptsSource(p, h, s)).map((s) => `${p.id}/${h}/${s}`)));
      const queued = deliveries.resendBulk({ partnerId: partner, states, since: Date.parse(since), until: Date.parse(until) }, routes, clock.now(), dryRun === true);
      if (queued > 0 && !dryRun) {
        context.notify(queued);
        dispatcher.wake();
      }
      return { queued };
    },
  };
}
