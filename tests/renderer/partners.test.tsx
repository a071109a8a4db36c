// @vitest-environment jsdom
// Several partners (issue 13), the manager's side: Integration Hub's cards, a page per partner
// (its own stats, its name, Save saying what it cancelled), Add partner with a backfill counted
// before it is confirmed, Remove partner asking first, and the hub's refusals in plain words.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HubError } from '../../shared/client.ts';
import { App } from '../../renderer/src/app.tsx';
import { FakeClient } from './fake-client.ts';

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
  window.history.replaceState(null, '', '#/');
});

function at(hash: string, client: FakeClient) {
  window.history.replaceState(null, '', hash);
  render(<App client={client} />);
  return { client, user: userEvent.setup() };
}

function twoPartners() {
  const client = new FakeClient().withPartners('Loyalty Co');
  const update = client.stats.endpoints.find((e) => e.partnerId === 'p2' && e.hook === 'update')!;
  Object.assign(update, { status: 'backing-off', failingSince: '2026-11-27T19:00:00.000Z', waiting: 12 });
  Object.assign(client.stats.partners[1]!, { status: 'backing-off', waiting: 12 });
  client.stats.queueDepth = 12;
  return client;
}

const hookGroup = (name: string) => within(screen.getByRole('group', { name }));

describe('Integration Hub', () => {
  it('lists the partners as cards: name, health in plain words, how many wait, and Add partner', async () => {
    at('#/integration-hub', twoPartners());
    const cards = within(await screen.findByRole('list', { name: 'Partners' }));
    await waitFor(() => expect(cards.getAllByRole('listitem')).toHaveLength(2));
    const [first, second] = cards.getAllByRole('listitem');
    expect(within(first!).getByRole('link', { name: 'Order webhook' }).getAttribute('href')).toBe('#/integration-hub/partners/p1');
    expect(first!.textContent).toContain('Up');
    expect(first!.textContent).toContain('0 waiting');
    expect(within(second!).getByRole('link', { name: 'Loyalty Co' }).getAttribute('href')).toBe('#/integration-hub/partners/p2');
    await waitFor(() => expect(second!.textContent).toMatch(/Update Order Web Hooks not answering since/));
    expect(second!.textContent).toContain('12 waiting');
    expect(second!.className).toContain('bad');
    expect(screen.getByRole('link', { name: 'Add partner' }).getAttribute('href')).toBe('#/integration-hub/partners/new');
  });

  it('stays usable with 20 partners, and then offers no Add partner but says why', async () => {
    const client = new FakeClient().withPartners(...Array.from({ length: 19 }, (_, i) => `Partner ${i + 2}`));
    at('#/integration-hub', client);
    const cards = within(await screen.findByRole('list', { name: 'Partners' }));
    await waitFor(() => expect(cards.getAllByRole('listitem')).toHaveLength(20));
    expect(screen.queryByRole('link', { name: 'Add partner' })).toBeNull();
    expect(screen.getByText(/20 partners, the most it can have/)).toBeTruthy();
  });
});

describe('a partner’s page', () => {
  it('is the Order webhook page of that partner: its name, its own stats (getStats with the partner), Send test and secret to it', async () => {
    const client = twoPartners();
    const stats = vi.spyOn(client, 'getStats');
    const test = vi.spyOn(client, 'sendPartnerTest');
    const { user } = at('#/integration-hub/partners/p2', client);
    expect(await screen.findByRole('heading', { level: 1, name: 'Loyalty Co' })).toBeTruthy();
    expect((await screen.findByLabelText('Partner name') as HTMLInputElement).value).toBe('Loyalty Co');
    expect(screen.getByRole('navigation', { name: 'Breadcrumb' }).textContent).toContain('Loyalty Co');
    await waitFor(() => expect(stats).toHaveBeenCalledWith({ partner: 'p2' }));
    const glance = within(screen.getByRole('region', { name: 'At a glance' }));
    expect(await glance.findByText(/Not answering since .* · 12 waiting/)).toBeTruthy();
    expect(glance.getByRole('img', { name: /Deliveries per hour/ })).toBeTruthy();
    await user.click(hookGroup('Open Order Web Hooks').getByRole('button', { name: /Send test/ }));
    expect(test).toHaveBeenCalledWith('p2', 'open');
  });

  it('saves the name with the page, and after a Save that cancelled deliveries says how many and links them', async () => {
    const client = twoPartners();
    client.nextEffects = { cancelled: 12, retried: 0 };
    const save = vi.spyOn(client, 'savePartner');
    const { user } = at('#/integration-hub/partners/p2', client);
    const name = await screen.findByLabelText('Partner name');
    await user.clear(name);
    await user.type(name, 'Loyalty Company');
    await user.click(hookGroup('Update Order Web Hooks').getByRole('radio', { name: 'NO' }));
    expect(hookGroup('Update Order Web Hooks').getByText(/cancels 12 waiting deliveries when you save/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0]?.[0]).toBe('p2');
    expect(save.mock.calls[0]?.[1]).toMatchObject({ name: 'Loyalty Company', hooks: { update: { enabled: false } } });
    const notice = await screen.findByText(/12 waiting deliveries were cancelled/);
    expect(within(notice.closest('[role="status"]') as HTMLElement).getByRole('link', { name: 'Show the cancelled deliveries' }).getAttribute('href')).toBe('#/deliveries?partner=p2&state=cancelled');
    expect(await screen.findByRole('heading', { level: 1, name: 'Loyalty Company' })).toBeTruthy();
  });

  it('asks for the status again after a Save (a new key ends a rejection, and the hub pushes no change for it)', async () => {
    const client = new FakeClient();
    Object.assign(client.stats.endpoints[1]!, { status: 'rejecting', lastStatus: 401, failingSince: '2026-11-27T19:00:00.000Z' });
    const { user } = at('#/integration-hub/order-webhook', client);
    await screen.findByText(/Partner refusing orders/);
    await user.type(screen.getByLabelText('Value'), 'the-right-key');
    client.stats.endpoints[1]!.status = 'up';
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByText(/Partner refusing orders/)).toBeNull());
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'Status: all sent' })).toBeTruthy();
  });

  it('shows the hub’s field errors from a save inline, the name included', async () => {
    const client = twoPartners();
    vi.spyOn(client, 'savePartner').mockRejectedValueOnce(new HubError('invalid_partner', 'Some settings need fixing; nothing was saved', [{ path: 'name', message: 'Another partner is already called "Order webhook"; give this one its own name' }], 400));
    const { user } = at('#/integration-hub/partners/p2', client);
    const name = await screen.findByLabelText('Partner name');
    await user.clear(name);
    await user.type(name, 'order webhook');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Another partner is already called/)).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(name));
  });

  it('an empty name is caught before Save, together with every other problem', async () => {
    const client = twoPartners();
    const save = vi.spyOn(client, 'savePartner');
    const { user } = at('#/integration-hub/partners/p2', client);
    await user.clear(await screen.findByLabelText('Partner name'));
    await user.click(hookGroup('Close Order Web Hooks').getByRole('radio', { name: 'YES' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Enter a name for this partner/)).toBeTruthy();
    expect(screen.getByText('Enter the partner URL before turning this hook on')).toBeTruthy();
    expect(save).not.toHaveBeenCalled();
  });

  it('Remove partner asks first, saying how many waiting deliveries it cancels, then says what it did', async () => {
    const client = twoPartners();
    const remove = vi.spyOn(client, 'removePartner');
    const { user } = at('#/integration-hub/partners/p2', client);
    await user.click(await screen.findByRole('button', { name: 'Remove Loyalty Co' }));
    const confirm = await screen.findByRole('dialog', { name: 'Remove Loyalty Co?' });
    expect(confirm.textContent).toContain('12 waiting deliveries to Loyalty Co are cancelled');
    expect(confirm.textContent).toContain('under its name');
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toBe(document.activeElement);
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(remove).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Remove Loyalty Co' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Remove Loyalty Co?' })).getByRole('button', { name: 'Remove Loyalty Co' }));
    expect(remove).toHaveBeenCalledWith('p2');
    const done = await screen.findByRole('status', { name: 'Partner removed' });
    expect(done.textContent).toContain('Loyalty Co was removed.');
    expect(done.textContent).toContain('12 waiting deliveries were cancelled');
    expect(within(done).getByRole('link', { name: 'Show its cancelled deliveries' }).getAttribute('href')).toBe('#/deliveries?partner=p2&state=cancelled');
  });

  it('the store’s only partner: Remove says in words why it can’t, and a last_partner refusal reads the same', async () => {
    const client = new FakeClient();
    const remove = vi.spyOn(client, 'removePartner');
    const { user } = at('#/integration-hub/order-webhook', client);
    await user.click(await screen.findByRole('button', { name: 'Remove Order webhook' }));
    const why = await screen.findByText(/only partner, so it can’t be removed\. To stop sending orders, set its hooks to NO/);
    expect(why.getAttribute('role')).toBe('alert');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(remove).not.toHaveBeenCalled();
  });

  it('a removal the hub refuses (last_partner, another window removed the other) is said in plain words', async () => {
    const client = twoPartners();
    vi.spyOn(client, 'removePartner').mockRejectedValueOnce(new HubError('last_partner', 'The store keeps at least one partner page; set its hooks to NO to stop sending', [], 409));
    const { user } = at('#/integration-hub/partners/p2', client);
    await user.click(await screen.findByRole('button', { name: 'Remove Loyalty Co' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Remove Loyalty Co?' })).getByRole('button', { name: 'Remove Loyalty Co' }));
    expect(await screen.findByText(/only partner, so it can’t be removed/)).toBeTruthy();
  });

  it('an unknown partner id says so, with the way back', async () => {
    at('#/integration-hub/partners/p9', new FakeClient());
    expect((await screen.findByRole('alert')).textContent).toMatch(/no longer exists/);
  });
});

describe('Add partner', () => {
  async function fillPartner(user: ReturnType<typeof userEvent.setup>) {
    await user.type(await screen.findByLabelText('Partner name'), 'Kitchen Display');
    await user.type(screen.getByLabelText('API Key'), 'X-KDS-Key');
    await user.type(screen.getByLabelText('Value'), 'kds-secret');
    const update = hookGroup('Update Order Web Hooks');
    await user.type(update.getByLabelText('URL'), 'https://kds.example/orders');
    await user.click(update.getByRole('radio', { name: 'YES' }));
  }

  it('counts the orders a backfill would queue with the form’s hooks, asks, then adds the partner and queues them', async () => {
    const client = new FakeClient();
    const preview = vi.spyOn(client, 'previewBackfill').mockResolvedValue({ queued: 37 });
    const add = vi.spyOn(client, 'addPartner');
    const backfill = vi.spyOn(client, 'backfillPartner').mockResolvedValue({ queued: 37 });
    const { user } = at('#/integration-hub/partners/new', client);
    expect(await screen.findByRole('heading', { level: 1, name: 'Add partner' })).toBeTruthy();
    await fillPartner(user);
    const since = screen.getByRole('checkbox', { name: 'Also send the orders of the last 24 hours' });
    await user.click(since);
    expect(await screen.findByText('37 orders would be queued for this partner, each check\'s in the order the POS sent them.')).toBeTruthy();
    const previewInput = preview.mock.calls.at(-1)?.[0];
    expect(previewInput?.hooks.update).toEqual({ url: 'https://kds.example/orders', enabled: true });
    expect(Date.now() - Date.parse(previewInput?.since ?? '')).toBeGreaterThan(23.9 * 3600_000);
    expect(add).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Add partner' }));
    const confirm = await screen.findByRole('dialog', { name: 'Add Kitchen Display and send 37 orders?' });
    expect(confirm.textContent).toContain('37 orders of the last 24 hours are queued for Kitchen Display');
    expect(add).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Add and send 37 orders' }));
    await waitFor(() => expect(backfill).toHaveBeenCalledTimes(1));
    expect(add.mock.calls[0]?.[0]).toMatchObject({ name: 'Kitchen Display', requestHeader: { name: 'X-KDS-Key', value: 'kds-secret' }, hooks: { update: { url: 'https://kds.example/orders', enabled: true } } });
    expect(backfill.mock.calls[0]?.[0]).toBe('p2');
    expect(backfill.mock.calls[0]?.[1].since).toBe(preview.mock.calls.at(-1)?.[0].since);
    const done = await screen.findByRole('status', { name: 'Partner added' });
    expect(done.textContent).toContain('Kitchen Display was added.');
    expect(done.textContent).toContain('37 orders of the last 24 hours were queued for it.');
    expect(within(done).getByRole('link', { name: /Open Kitchen Display's page/ }).getAttribute('href')).toBe('#/integration-hub/partners/p2');
  });

  it('adds without asking when no backfill is wanted', async () => {
    const client = new FakeClient();
    const add = vi.spyOn(client, 'addPartner');
    const backfill = vi.spyOn(client, 'backfillPartner');
    const { user } = at('#/integration-hub/partners/new', client);
    await fillPartner(user);
    await user.click(screen.getByRole('button', { name: 'Add partner' }));
    expect(await screen.findByRole('status', { name: 'Partner added' })).toBeTruthy();
    expect(add).toHaveBeenCalledTimes(1);
    expect(backfill).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('checks every field before adding, the backfill hours included', async () => {
    const client = new FakeClient();
    const add = vi.spyOn(client, 'addPartner');
    const { user } = at('#/integration-hub/partners/new', client);
    await user.click(await screen.findByRole('checkbox', { name: /Also send the orders of the last/ }));
    const hours = screen.getByRole('textbox', { name: 'Also send the orders of the last hours' });
    await user.clear(hours);
    await user.type(hours, '900');
    await user.click(hookGroup('Open Order Web Hooks').getByRole('radio', { name: 'YES' }));
    await user.click(screen.getByRole('button', { name: 'Add partner' }));
    expect(await screen.findByText(/Enter a name for this partner/)).toBeTruthy();
    expect(screen.getByText('Enter the partner URL before turning this hook on')).toBeTruthy();
    expect(screen.getByText(/from 1 to 720/)).toBeTruthy();
    expect(screen.getByText('Please fix 3 fields marked in red.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Partner name')));
    expect(add).not.toHaveBeenCalled();
  });

  it('shows the hub’s field errors inline (details paths) and nothing is added', async () => {
    const client = new FakeClient();
    vi.spyOn(client, 'addPartner').mockRejectedValueOnce(new HubError('invalid_partner', 'Some settings need fixing; nothing was saved', [
      { path: 'name', message: 'Another partner is already called "Kitchen Display"; give this one its own name' },
      { path: 'hooks.update.url', message: 'The hub cannot use this address' },
    ], 400));
    const { user } = at('#/integration-hub/partners/new', client);
    await fillPartner(user);
    await user.click(screen.getByRole('button', { name: 'Add partner' }));
    expect(await screen.findByText(/Another partner is already called/)).toBeTruthy();
    expect(hookGroup('Update Order Web Hooks').getByText('The hub cannot use this address')).toBeTruthy();
    expect(screen.getByLabelText('Partner name').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('status', { name: 'Partner added' })).toBeNull();
  });

  it('a 21st partner (409 partner_limit) is refused in plain words', async () => {
    const client = new FakeClient().withPartners(...Array.from({ length: 19 }, (_, i) => `Partner ${i + 2}`));
    const { user } = at('#/integration-hub/partners/new', client);
    await fillPartner(user);
    await user.click(screen.getByRole('button', { name: 'Add partner' }));
    expect(await screen.findByText(/already has 20 partners, the most it can have\. Remove one it no longer uses/)).toBeTruthy();
    expect(client.others).toHaveLength(19);
  });

  it('leaving with a half-filled form asks first', async () => {
    const { user } = at('#/integration-hub/partners/new', new FakeClient());
    await user.type(await screen.findByLabelText('Partner name'), 'Half');
    const oldURL = window.location.href;
    window.history.pushState(null, '', '#/deliveries');
    await act(async () => window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL, newURL: window.location.href })));
    expect(await screen.findByRole('dialog', { name: 'Leave without saving?' })).toBeTruthy();
  });
});
