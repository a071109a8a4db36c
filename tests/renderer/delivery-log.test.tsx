// @vitest-environment jsdom
// The delivery log: rows render, filters and search become the right listDeliveries query,
// paging follows nextCursor, and a hub change refetches without a reload.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeliveryLogPage } from '../../renderer/src/log/delivery-log-page.tsx';
import { delivery, FakeClient } from './fake-client.ts';
import { renderWithClient } from './render-app.tsx';

afterEach(cleanup);

function clientWithRows(count: number) {
  const client = new FakeClient();
  client.deliveries = Array.from({ length: count }, (_, i) => delivery(i + 1, i % 3 === 0 ? { state: 'failed', hook: 'open', lastStatus: 400 } : {}));
  return client;
}

describe('Delivery log', () => {
  it('renders rows newest first with their columns', async () => {
    renderWithClient(<DeliveryLogPage />, clientWithRows(3));
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    const [, newest] = within(table).getAllByRole('row');
    expect(newest?.textContent).toContain('1003');
    expect(newest?.textContent).toContain('Order updated');
    expect(newest?.textContent).toContain('Delivered');
    expect(newest?.textContent).toContain('42 ms');
  });

  it('turns filters and search into the listDeliveries query', async () => {
    const client = clientWithRows(6);
    const list = vi.spyOn(client, 'listDeliveries');
    renderWithClient(<DeliveryLogPage />, client);
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50 }));
    const user = userEvent.setup();
    const filters = within(screen.getByRole('search', { name: 'Filter deliveries' }));
    await user.selectOptions(filters.getByLabelText('State'), 'failed');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50, state: 'failed' }));
    await user.selectOptions(filters.getByLabelText('Hook'), 'open');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50, state: 'failed', hook: 'open' }));
    await user.type(filters.getByLabelText('Check number'), '1004{Enter}');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50, state: 'failed', hook: 'open', q: '1004' }));
    const table = screen.getByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
  });

  it('pages with the cursor: Older, then Newer', async () => {
    const client = clientWithRows(120);
    const list = vi.spyOn(client, 'listDeliveries');
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    await screen.findByText('1120');
    await user.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50, cursor: 71 }));
    expect(await screen.findByText('1070')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Newer' }));
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50 }));
  });

  it('refetches when the hub reports a change', async () => {
    const client = clientWithRows(1);
    renderWithClient(<DeliveryLogPage />, client);
    await screen.findByText('1001');
    client.deliveries.push(delivery(2, { checkNumber: '2002', state: 'retrying' }));
    client.emitChange();
    expect(await screen.findByText('2002')).toBeTruthy();
  });

  it('says so when there is nothing yet', async () => {
    renderWithClient(<DeliveryLogPage />, new FakeClient());
    expect(await screen.findByText(/No deliveries yet/)).toBeTruthy();
  });

  it('bulk re-send counts first, asks, then sends the hook, the chosen states and the time range', async () => {
    const client = new FakeClient();
    const bulk = vi.spyOn(client, 'resendBulk').mockResolvedValue({ queued: 7 });
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Re-send in bulk' }));
    await user.selectOptions(form.getByLabelText('Hook'), 'close');
    await user.click(form.getByRole('checkbox', { name: /^Cancelled/ }));
    await user.click(form.getByRole('button', { name: 'Re-send' }));
    const confirm = await screen.findByRole('dialog', { name: 'Re-send 7 deliveries?' });
    expect(bulk).toHaveBeenCalledTimes(1);
    expect(bulk.mock.calls[0]?.[0]).toMatchObject({ hook: 'close', states: ['failed', 'dead'], dryRun: true });
    expect(confirm.textContent).toContain('Close Order Web Hooks');
    await user.click(within(confirm).getByRole('button', { name: 'Re-send 7 deliveries' }));
    expect(await form.findByText('7 deliveries queued again.')).toBeTruthy();
    const input = bulk.mock.calls[1]?.[0];
    expect(input).toMatchObject({ hook: 'close', states: ['failed', 'dead'] });
    expect(input?.dryRun).toBeUndefined();
    expect(Date.parse(input?.until ?? '') - Date.parse(input?.since ?? '')).toBeGreaterThan(23 * 3600_000);
  });

  it('bulk re-send offers every hook at once, and Cancel queues nothing', async () => {
    const client = new FakeClient();
    const bulk = vi.spyOn(client, 'resendBulk').mockResolvedValue({ queued: 680 });
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Re-send in bulk' }));
    expect((form.getByLabelText('Hook') as HTMLSelectElement).value).toBe('all');
    await user.click(form.getByRole('button', { name: 'Re-send' }));
    const confirm = await screen.findByRole('dialog', { name: 'Re-send 680 deliveries?' });
    expect(confirm.textContent).toContain('every hook');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(bulk).toHaveBeenCalledTimes(1);
    expect(bulk.mock.calls[0]?.[0]).toMatchObject({ hook: 'all', dryRun: true });
  });

  it('marks a re-sent copy in its row, with a link that opens the original', async () => {
    const client = new FakeClient();
    client.deliveries = [delivery(1, { checkNumber: '1042', state: 'failed' }), delivery(2, { checkNumber: '1042', resentFrom: 1 })];
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    const [, copyRow, originalRow] = within(table).getAllByRole('row');
    expect(within(originalRow!).queryByText('Copy')).toBeNull();
    await user.click(within(copyRow!).getByRole('button', { name: /Copy of an earlier delivery of check 1042: open the original/ }));
    expect(await screen.findByRole('dialog', { name: /Check 1042/ })).toBeTruthy();
    expect(await within(screen.getByRole('dialog')).findByText('Failed')).toBeTruthy();
  });

  it('says states and event types in plain words, and explains failed, gave up and cancelled', async () => {
    const client = new FakeClient();
    client.deliveries = [delivery(1, { state: 'dead' }), delivery(2, { state: 'failed', eventType: 'check.closed' })];
    renderWithClient(<DeliveryLogPage />, client);
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('Gave up')).toBeTruthy();
    expect(within(table).getByText('Order closed')).toBeTruthy();
    expect(within(table).getAllByText('Order updated')).toHaveLength(1);
    expect(table.textContent).not.toMatch(/dead|check\./);
    const filters = within(screen.getByRole('search', { name: 'Filter deliveries' }));
    const state = filters.getByLabelText('State') as HTMLSelectElement;
    expect([...state.options].map((option) => option.textContent)).toEqual(expect.arrayContaining(['Gave up', 'Failed', 'Cancelled']));
    expect(screen.getByText(/Failed: the partner refused it/)).toBeTruthy();
    const form = within(screen.getByRole('form', { name: 'Re-send in bulk' }));
    for (const [name, words] of [['Failed', /partner refused/], ['Gave up', /retry limit/], ['Cancelled', /turned off/]] as const) {
      const box = form.getByRole('checkbox', { name: new RegExp(`^${name}`) });
      expect(box.closest('label')?.textContent).toMatch(words);
    }
  });

  it('finds check 1025 when searched as "#1025"', async () => {
    const client = clientWithRows(30);
    const list = vi.spyOn(client, 'listDeliveries');
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Check number'), '#1025{Enter}');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50, q: '1025' }));
    expect(await screen.findByText('1025')).toBeTruthy();
  });

  it('pages show their number out of how many, with Newest back to the first page', async () => {
    const client = clientWithRows(160);
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    const pager = screen.getByRole('navigation', { name: 'Pages' });
    expect(await within(pager).findByText('Page 1 of 4')).toBeTruthy();
    await user.click(within(pager).getByRole('button', { name: 'Older' }));
    await user.click(within(pager).getByRole('button', { name: 'Older' }));
    expect(await within(pager).findByText('Page 3 of 4')).toBeTruthy();
    await user.click(within(pager).getByRole('button', { name: 'Newest' }));
    expect(await within(pager).findByText('Page 1 of 4')).toBeTruthy();
    expect((within(pager).getByRole('button', { name: 'Newest' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('an original whose re-sent copy was delivered reads "Re-sent → delivered", linked both ways', async () => {
    const client = new FakeClient();
    client.deliveries = [
      delivery(1, { checkNumber: '1042', state: 'failed', lastStatus: 401, resentTo: 2, resolved: true }),
      delivery(2, { checkNumber: '1042', state: 'delivered', resentFrom: 1 }),
    ];
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    const [, copyRow, originalRow] = within(table).getAllByRole('row');
    expect(originalRow!.textContent).toContain('Re-sent → delivered');
    expect(originalRow!.textContent).not.toContain('Failed');
    await user.click(within(originalRow!).getByRole('button', { name: /^Re-sent → delivered: check 1042 was failed at first; open the delivered copy$/ }));
    const drawer = await screen.findByRole('dialog', { name: /Check 1042/ });
    expect(await within(drawer).findByText('Delivered')).toBeTruthy();
    expect(within(drawer).getByRole('button', { name: /open the original/ })).toBeTruthy();
    expect(within(copyRow!).getByRole('button', { name: /Copy of an earlier delivery/ })).toBeTruthy();
  });

  it('a delivery held behind an earlier one of its check says "for #N", and the link opens that one', async () => {
    const client = new FakeClient();
    client.deliveries = [
      delivery(3, { checkNumber: '1042', eventType: 'check.opened', hook: 'open', state: 'retrying', lastStatus: 503 }),
      delivery(4, { checkNumber: '1042', state: 'pending', attempts: 0, lastStatus: null, waitingFor: 3 }),
    ];
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    const link = await screen.findByRole('button', { name: 'Waiting for #3, an earlier delivery of check 1042: open it' });
    expect(link.textContent).toBe('for #3');
    await user.click(link);
    const drawer = await screen.findByRole('dialog', { name: 'Check 1042 · Open Order Web Hooks' });
    expect(await within(drawer).findByText('Retrying')).toBeTruthy();
  });

  it('has a Partner column and filter only when the store has several partners', async () => {
    const single = new FakeClient();
    single.deliveries = [delivery(1)];
    renderWithClient(<DeliveryLogPage />, single);
    await screen.findByText('1001');
    expect(screen.queryByRole('columnheader', { name: 'Partner' })).toBeNull();
    expect(screen.queryByLabelText('Partner')).toBeNull();
    cleanup();

    const client = new FakeClient().withPartners('Loyalty Co');
    client.deliveries = [delivery(1), delivery(2, { partnerId: 'p2', partnerName: 'Loyalty Co', checkNumber: '1001' })];
    const list = vi.spyOn(client, 'listDeliveries');
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    expect(await screen.findByRole('columnheader', { name: 'Partner' })).toBeTruthy();
    const table = screen.getByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')[1]?.textContent).toContain('Loyalty Co'));
    const filters = within(screen.getByRole('search', { name: 'Filter deliveries' }));
    await user.selectOptions(filters.getByLabelText('Partner'), 'p2');
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50, partner: 'p2' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    const bulk = within(screen.getByRole('form', { name: 'Re-send in bulk' }));
    expect([...(bulk.getByLabelText('Partner') as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['All partners', 'Order webhook', 'Loyalty Co']);
  });

  it('keeps naming a removed partner’s deliveries, and a link can open the log on its cancelled ones', async () => {
    const client = new FakeClient();
    client.deliveries = [delivery(1), delivery(2, { partnerId: 'p2', partnerName: 'Loyalty Co', state: 'cancelled' })];
    const list = vi.spyOn(client, 'listDeliveries');
    renderWithClient(<DeliveryLogPage query={new URLSearchParams('partner=p2&state=cancelled')} />, client);
    await waitFor(() => expect(list).toHaveBeenLastCalledWith({ limit: 50, partner: 'p2', state: 'cancelled' }));
    const filters = within(screen.getByRole('search', { name: 'Filter deliveries' }));
    expect((filters.getByLabelText('State') as HTMLSelectElement).value).toBe('cancelled');
    expect(await screen.findByRole('columnheader', { name: 'Partner' })).toBeTruthy();
    await waitFor(() => expect((filters.getByLabelText('Partner') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Loyalty Co (removed)'));
  });

  it('counts pages from the page’s total with any filter, and says when a search matches too many to count', async () => {
    const client = clientWithRows(160);
    renderWithClient(<DeliveryLogPage />, client);
    const user = userEvent.setup();
    const pager = screen.getByRole('navigation', { name: 'Pages' });
    expect(await within(pager).findByText('Page 1 of 4')).toBeTruthy();
    const filters = within(screen.getByRole('search', { name: 'Filter deliveries' }));
    await user.selectOptions(filters.getByLabelText('Hook'), 'open');
    expect(await within(pager).findByText('Page 1 of 2')).toBeTruthy();

    const total = vi.spyOn(client, 'listDeliveries').mockImplementation(async () => ({ items: [delivery(1)], nextCursor: 1, total: null }));
    await user.type(filters.getByLabelText('Check number'), '1{Enter}');
    await waitFor(() => expect(total).toHaveBeenCalled());
    expect(await within(pager).findByText('Page 1 (more than 10,000 match)')).toBeTruthy();
  });
});

