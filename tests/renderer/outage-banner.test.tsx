// @vitest-environment jsdom
// The banner tells the truth (issue 12 items 1, 2, 4 and 10, and issue 13's per-partner words):
// a partner refusing orders is raised like an outage with its cause; held hooks count in the one
// waiting number; the next check has a Check now; "Partner is back" with the drain's progress; and
// once the trouble is over, "Re-send N failed orders" counts first and asks.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GlancePanel } from '../../renderer/src/glance/glance-panel.tsx';
import { useStats } from '../../renderer/src/glance/use-stats.ts';
import { FakeClient } from './fake-client.ts';
import { renderWithClient } from './render-app.tsx';

afterEach(cleanup);

function LiveGlance() {
  return <GlancePanel {...useStats()} />;
}

const SINCE = '2026-11-27T19:00:00.000Z';

describe('the banner', () => {
  it('raises a partner refusing every order (401) like an outage: the hook, the status, the likely cause, and the hook marked', async () => {
    const client = new FakeClient();
    Object.assign(client.stats.endpoints[0]!, { url: 'https://partner.example/open', status: 'rejecting', lastStatus: 401, failingSince: SINCE, lastError: 'HTTP 401 Unauthorized' });
    client.stats.counts.failed = 20;
    client.stats.notDelivered = 20;
    client.stats.partners[0]!.notDelivered = 20;
    client.stats.partners[0]!.status = 'rejecting';
    renderWithClient(<LiveGlance />, client);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Partner refusing orders: Open Order Web Hooks (HTTP 401) — the partner refuses the API key.');
    expect(banner.textContent).toContain('20 orders not delivered');
    expect(banner.textContent).toMatch(/Check the Request Header \(API Key and Value\)/);
    const open = within(screen.getByRole('list', { name: 'Endpoint health' })).getByText(/^Refusing orders/);
    expect(open.textContent).toBe('Refusing orders (HTTP 401): the partner refuses the API key');
    expect(open.closest('li')?.className).toContain('bad');
    expect(screen.getByText('Not delivered: 20')).toBeTruthy();
  });

  it('names a 404 as a wrong URL', async () => {
    const client = new FakeClient();
    Object.assign(client.stats.endpoints[1]!, { status: 'rejecting', lastStatus: 404, failingSince: SINCE });
    renderWithClient(<LiveGlance />, client);
    expect((await screen.findByRole('alert')).textContent).toMatch(/HTTP 404\) — nothing answers at that address: the URL may be wrong/);
  });

  it('counts the hooks held behind a failing one in its waiting number, and says they wait behind it', async () => {
    const client = new FakeClient();
    const [open, update, close] = client.stats.endpoints;
    Object.assign(open!, { url: 'https://partner.example/open', status: 'backing-off', failingSince: SINCE, waiting: 261, nextProbeAt: '2026-11-27T19:05:30.000Z' });
    Object.assign(update!, { url: 'https://partner.example/update', status: 'held', heldBehind: 'open', waiting: 680 });
    Object.assign(close!, { url: 'https://partner.example/close', enabled: true, status: 'held', heldBehind: 'open', waiting: 259 });
    client.stats.queueDepth = 1200;
    renderWithClient(<LiveGlance />, client);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Partner not answering: Open Order Web Hooks.');
    expect(banner.textContent).toContain('1,200 orders waiting');
    expect(banner.textContent).toMatch(/Close Order Web Hooks, Update Order Web Hooks wait behind it/);
    expect(screen.getByText('1,200')).toBeTruthy();
    const health = within(screen.getByRole('list', { name: 'Endpoint health' }));
    expect(health.getByText('Waiting behind Open Order Web Hooks · 680 waiting')).toBeTruthy();
    expect(health.queryByText(/^Up( ·|$)/)).toBeNull();
  });

  it('says when the next check goes, and Check now probes the partner at once', async () => {
    const client = new FakeClient();
    Object.assign(client.stats.endpoints[1]!, { url: 'https://partner.example/update', status: 'backing-off', failingSince: SINCE, waiting: 3, nextProbeAt: '2026-11-27T19:05:30.000Z' });
    const check = vi.spyOn(client, 'checkEndpoint');
    renderWithClient(<LiveGlance />, client);
    const banner = await screen.findByRole('alert');
    const expected = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date('2026-11-27T19:05:30.000Z'));
    expect(banner.textContent).toContain(`Next check at ${expected}.`);
    await userEvent.setup().click(within(banner).getByRole('button', { name: 'Check now' }));
    expect(check).toHaveBeenCalledWith('p1', 'update');
    expect(await within(banner).findByText(/Checking now/)).toBeTruthy();
  });

  it('says the partner is back, with the drain’s progress, then how many were sent', async () => {
    const client = new FakeClient();
    Object.assign(client.stats.endpoints[1]!, { status: 'up', waiting: 788, recovery: { at: SINCE, sent: 412, total: 1200 } });
    client.stats.queueDepth = 788;
    renderWithClient(<LiveGlance />, client);
    expect(await screen.findByText(/412 of 1,200 sent/)).toBeTruthy();
    expect(screen.getByText('Partner is back').closest('[role="status"]')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: /412 of 1,200/ })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    Object.assign(client.stats.endpoints[1]!, { waiting: 0, recovery: { at: SINCE, sent: 1200, total: 1200 } });
    client.stats.queueDepth = 0;
    await act(async () => client.emitChange());
    expect(await screen.findByText(/— 1,200 sent\./)).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('offers to re-send the failed orders once it is over: counts them first over every hook, asks, then queues them', async () => {
    const client = new FakeClient();
    client.stats.notDelivered = 21;
    client.stats.partners[0]!.notDelivered = 21;
    const bulk = vi.spyOn(client, 'resendBulk').mockResolvedValue({ queued: 21 });
    renderWithClient(<LiveGlance />, client);
    const user = userEvent.setup();
    const offer = await screen.findByRole('region', { name: 'Not delivered' });
    expect(offer.textContent).toContain('21 orders were not delivered');
    await user.click(within(offer).getByRole('button', { name: 'Re-send 21 failed orders' }));
    expect(bulk).toHaveBeenCalledTimes(1);
    expect(bulk.mock.calls[0]?.[0]).toMatchObject({ partner: 'p1', hook: 'all', states: ['failed', 'dead'], dryRun: true });
    const confirm = await screen.findByRole('dialog', { name: 'Re-send 21 orders to the partner?' });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toBe(document.activeElement);
    await user.click(within(confirm).getByRole('button', { name: 'Re-send 21 orders' }));
    expect(bulk).toHaveBeenCalledTimes(2);
    expect(bulk.mock.calls[1]?.[0]).toMatchObject({ partner: 'p1', hook: 'all', states: ['failed', 'dead'] });
    expect(bulk.mock.calls[1]?.[0].dryRun).toBeUndefined();
    expect(await within(offer).findByText('21 orders queued again for the partner.')).toBeTruthy();
  });

  it('does not offer a re-send while the partner still refuses them', async () => {
    const client = new FakeClient();
    Object.assign(client.stats.endpoints[0]!, { status: 'rejecting', lastStatus: 403, failingSince: SINCE });
    client.stats.notDelivered = 5;
    client.stats.partners[0]!.notDelivered = 5;
    renderWithClient(<LiveGlance />, client);
    expect((await screen.findByRole('alert')).textContent).toContain('the partner refuses the API key');
    expect(screen.queryByRole('button', { name: /Re-send/ })).toBeNull();
  });

  it('speaks per partner when the store has several: the one down is named, the other stays up', async () => {
    const client = new FakeClient().withPartners('Loyalty Co');
    const update = client.stats.endpoints.find((e) => e.partnerId === 'p2' && e.hook === 'update')!;
    Object.assign(update, { url: 'https://loyalty.example/update', status: 'backing-off', failingSince: SINCE, waiting: 12, nextProbeAt: '2026-11-27T19:05:30.000Z' });
    Object.assign(client.stats.partners[1]!, { status: 'backing-off', waiting: 12 });
    client.stats.queueDepth = 12;
    const check = vi.spyOn(client, 'checkEndpoint');
    renderWithClient(<LiveGlance />, client);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Loyalty Co — Update Order Web Hooks not answering, 12 waiting.');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    const partners = within(screen.getByRole('list', { name: 'Partner health' }));
    expect(partners.getByRole('link', { name: 'Order webhook' }).closest('li')?.textContent).toContain('Up');
    expect(partners.getByRole('link', { name: 'Loyalty Co' }).getAttribute('href')).toBe('#/integration-hub/partners/p2');
    expect(partners.getByRole('link', { name: 'Loyalty Co' }).closest('li')?.textContent).toMatch(/Update Order Web Hooks not answering since .* · 12 waiting/);
    await userEvent.setup().click(within(banner).getByRole('button', { name: 'Check now: Loyalty Co' }));
    expect(check).toHaveBeenCalledWith('p2', 'update');
  });

  it('counts cancelled deliveries in the panel, linking to them in the log', async () => {
    const client = new FakeClient();
    client.stats.counts.cancelled = 3;
    renderWithClient(<LiveGlance />, client);
    expect((await screen.findByRole('link', { name: 'Cancelled: 3' })).getAttribute('href')).toBe('#/deliveries?state=cancelled');
  });
});
