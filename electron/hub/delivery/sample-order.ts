// The sample order "Send test" delivers: a realistic check, clearly marked as a test.
import type { Hook } from '../../../shared/settings.ts';
import type { WebhookPayload } from '../../../shared/delivery.ts';

const TYPES = { open: 'order.opened', update: 'order.updated', close: 'order.closed' } as const;

export function sampleOrder(hook: Hook, now: number): WebhookPayload {
  const at = new Date(now).toISOString();
  const closed = hook === 'close';
  return {
    type: TYPES[hook],
    timestamp: at,
    data: {
      eventId: `test-${now}`,
      storeId: 'test-store',
      source: 'POS',
      occurredAt: at,
      test: true,
      check: {
        checkId: 'test-check', checkNumber: 'TEST-1', status: closed ? 'CLOSED' : 'OPEN', orderType: 'DINE_IN', table: 'T1',
        guestCount: 2, currency: 'USD', openedAt: at, closedAt: closed ? at : null,
        employee: { id: 'e-test', name: 'Test' },
        items: [{ lineId: 'l1', itemId: 'burger', name: 'Burger', quantity: 1, unitPrice: 1295, modifiers: [] }],
        subtotal: 1295, discounts: 0, tax: 110, tip: 0, total: 1405,
        payments: closed ? [{ method: 'CARD', amount: 1405 }] : [],
      },
      changes: hook === 'update' ? [{ kind: 'ITEM_ADDED', lineId: 'l1' }] : [],
    },
  };
}
