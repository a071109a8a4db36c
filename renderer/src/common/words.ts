// The plain words a manager reads for the hub's terms: delivery states, POS event types, hooks in
// the order the POS page lists them.
import type { DeliveryState } from '../../../shared/delivery.ts';
import type { EventType } from '../../../shared/event.ts';
import { HOOK_LABELS, type Hook } from '../../../shared/settings.ts';

/** Close, Open, Update: the order of the POS back office page (and so of the form). */
export const HOOK_ORDER: readonly Hook[] = ['close', 'open', 'update'];

export function byHookOrder<T extends { hook: Hook }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => HOOK_ORDER.indexOf(a.hook) - HOOK_ORDER.indexOf(b.hook));
}

/** "Close", "Open", "Update": for narrow columns. */
export function shortHook(hook: Hook): string {
  return HOOK_LABELS[hook].replace(' Order Web Hooks', '');
}

export const STATE_LABELS: Record<DeliveryState, string> = {
  pending: 'Waiting',
  delivering: 'Sending',
  delivered: 'Delivered',
  retrying: 'Retrying',
  failed: 'Failed',
  dead: 'Gave up',
  cancelled: 'Cancelled',
};

/** What each state means for the order, in a sentence. */
export const STATE_HELP: Record<DeliveryState, string> = {
  pending: 'waits its turn (an earlier order of the same check goes first).',
  delivering: 'is being sent right now.',
  delivered: 'the partner received it.',
  retrying: 'the partner or the internet did not answer; it is tried again automatically.',
  failed: 'the partner refused it (an HTTP 4xx answer, e.g. a wrong API key); it is not tried again.',
  dead: 'tried until the retry limit ran out without the partner taking it.',
  cancelled: 'its hook was turned off before it was sent.',
};

export const EVENT_LABELS: Record<EventType, string> = {
  'check.opened': 'Order opened',
  'check.updated': 'Order updated',
  'check.closed': 'Order closed',
};
