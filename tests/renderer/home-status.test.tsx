// @vitest-environment jsdom
// Home shows the hub's status at a glance (and the outage banner), and the top bar carries a
// status badge on every page (issue 12 item 5).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { App } from '../../renderer/src/app.tsx';
import { FakeClient } from './fake-client.ts';

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
  window.location.hash = '';
});

function goTo(hash: string) {
  const oldURL = window.location.href;
  window.history.pushState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL, newURL: window.location.href }));
}

function outage(client: FakeClient) {
  client.stats.queueDepth = 12;
  Object.assign(client.stats.endpoints[1]!, { url: 'https://partner.example/update', status: 'backing-off', failingSince: '2026-11-27T19:00:00.000Z', waiting: 12, lastError: 'connection refused' });
  return client;
}

describe('Home and the top-bar status', () => {
  it('Home shows the queue, each hook’s health and the outage banner', async () => {
    render(<App client={outage(new FakeClient())} />);
    const glance = await screen.findByRole('region', { name: 'At a glance' });
    expect(within(glance).getByRole('alert').textContent).toContain('Partner not answering: Update Order Web Hooks.');
    expect(within(glance).getByText('12')).toBeTruthy();
    expect(within(glance).getByRole('list', { name: 'Endpoint health' }).textContent).toContain('Update Order Web Hooks');
    expect(within(glance).getByRole('link', { name: 'Open the delivery log' })).toBeTruthy();
  });

  it('the top bar says how things stand on every page, and fetches the status once for both', async () => {
    vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    const client = new FakeClient();
    const stats = vi.spyOn(client, 'getStats');
    render(<App client={client} />);
    const bar = screen.getByRole('banner');
    expect((await within(bar).findByRole('link', { name: /Status: all sent/i })).getAttribute('href')).toBe('#/deliveries');
    expect(stats).toHaveBeenCalledTimes(1);

    outage(client);
    client.stats.counts.failed = 3;
    await act(async () => client.emitChange());
    expect(await within(bar).findByRole('link', { name: /Status: partner not answering/i })).toBeTruthy();

    for (const hash of ['#/integration-hub', '#/deliveries']) {
      await act(async () => goTo(hash));
      expect(within(screen.getByRole('banner')).getByRole('link', { name: /Status:/ })).toBeTruthy();
    }
  });

  it('the badge counts what was not delivered, then what waits, once partners answer', async () => {
    const client = new FakeClient();
    client.stats.counts.failed = 2;
    client.stats.counts.dead = 1;
    client.stats.notDelivered = 3;
    client.stats.queueDepth = 4;
    render(<App client={client} />);
    const bar = screen.getByRole('banner');
    expect(await within(bar).findByRole('link', { name: 'Status: 3 not delivered, 4 waiting' })).toBeTruthy();
    // Re-sent and delivered: the originals stay failed but are resolved, so not "not delivered".
    client.stats.notDelivered = 0;
    await act(async () => client.emitChange());
    expect(await within(bar).findByRole('link', { name: 'Status: 4 waiting' })).toBeTruthy();
  });

  it('says the partner is refusing orders while a hook is rejecting them', async () => {
    const client = new FakeClient();
    Object.assign(client.stats.endpoints[0]!, { status: 'rejecting', lastStatus: 401, failingSince: '2026-11-27T19:00:00.000Z' });
    client.stats.counts.failed = 20;
    client.stats.notDelivered = 20;
    render(<App client={client} />);
    expect(await within(screen.getByRole('banner')).findByRole('link', { name: 'Status: partner refusing orders, 20 not delivered' })).toBeTruthy();
  });
});
