// @vitest-environment jsdom
// The Monitoring page: the Webhooks page's rules and error style (shared-schema errors inline with
// focus, nothing saved while invalid, secrets only sent when changed, hub field errors shown), Send
// heartbeat now showing head office's answer, its own signing secret, and the way to it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HubError } from '../../shared/client.ts';
import { App } from '../../renderer/src/app.tsx';
import { MonitoringPage } from '../../renderer/src/monitoring/monitoring-page.tsx';
import { FakeClient, monitoringView } from './fake-client.ts';
import { renderWithClient } from './render-app.tsx';

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
  window.location.hash = '';
});

async function openPage(client = new FakeClient()) {
  const saveSpy = vi.spyOn(client, 'saveMonitoring');
  renderWithClient(<MonitoringPage />, client);
  await screen.findByRole('form', { name: 'Monitoring settings' });
  return { client, saveSpy, user: userEvent.setup() };
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('Monitoring page', () => {
  it('refuses an interval outside 10–3600 s: the error on the field, focus there, nothing saved', async () => {
    const { saveSpy, user } = await openPage();
    await user.type(field('Heartbeat URL'), 'https://head-office.example/hubs');
    for (const bad of ['9', '3601', '12.5', 'often', '']) {
      await user.clear(field('Interval (seconds)'));
      if (bad) await user.type(field('Interval (seconds)'), bad);
      await user.click(screen.getByRole('button', { name: 'Save' }));
      expect(await screen.findByText('Send a heartbeat every 10 to 3600 seconds (a whole number)')).toBeTruthy();
      expect(field('Interval (seconds)').getAttribute('aria-invalid')).toBe('true');
      await waitFor(() => expect(document.activeElement).toBe(field('Interval (seconds)')));
    }
    expect(saveSpy).not.toHaveBeenCalled();
  });

  it('refuses what a partner\'s page refuses and a store name over 60 characters, all at once', async () => {
    const { saveSpy, user } = await openPage();
    await user.type(field('Heartbeat URL'), 'ftp://head-office.example/hubs');
    await user.type(field('API Key'), 'X Head Office');
    await user.type(field('Store name'), 'S'.repeat(61));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Only http:// and https:// addresses can receive webhooks')).toBeTruthy();
    expect(screen.getByText(/^Header name may only contain/)).toBeTruthy();
    expect(screen.getByText('A store name is at most 60 characters')).toBeTruthy();
    expect(screen.getByText('Please fix 3 fields marked in red.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(field('Heartbeat URL')));
    expect(saveSpy).not.toHaveBeenCalled();
  });

  it('saves: the key only when typed, never the signing secret; says a heartbeat is on its way', async () => {
    const { client, saveSpy, user } = await openPage();
    await user.type(field('Heartbeat URL'), 'https://head-office.example/hubs');
    await user.type(field('API Key'), 'X-Head-Office-Key');
    await user.type(field('Value'), 'head-office-secret');
    await user.clear(field('Interval (seconds)'));
    await user.type(field('Interval (seconds)'), '60');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saveSpy).toHaveBeenCalledTimes(1));
    expect(client.savedMonitoring[0]).toEqual({
      url: 'https://head-office.example/hubs', requestHeader: { name: 'X-Head-Office-Key', value: 'head-office-secret' }, intervalSeconds: 60, storeName: 'store-pc-042',
    });
    expect(await screen.findByText('Saved. A heartbeat is on its way to head office.')).toBeTruthy();
    expect(field('Value').value).toBe('');

    await user.clear(field('Store name'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saveSpy).toHaveBeenCalledTimes(2));
    expect(client.savedMonitoring[1]).toEqual({ url: 'https://head-office.example/hubs', requestHeader: { name: 'X-Head-Office-Key' }, intervalSeconds: 60, storeName: '' });
  });

  it('shows the hub\'s field errors on the fields', async () => {
    const { saveSpy, user } = await openPage();
    saveSpy.mockRejectedValueOnce(new HubError('invalid_monitoring', 'Some settings need fixing; nothing was saved', [{ path: 'storeName', message: 'The hub cannot use this name' }], 400));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The hub cannot use this name')).toBeTruthy();
    expect(field('Store name').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/^Not saved: Some settings need fixing/)).toBeTruthy();
  });

  it('Send heartbeat now shows head office\'s answer: status, latency, body — or the failure in plain words', async () => {
    const client = new FakeClient();
    client.monitoring = monitoringView({ url: 'https://head-office.example/hubs', status: { ...client.monitoring.status, state: 'up' } });
    const { user } = await openPage(client);
    await user.click(screen.getByRole('button', { name: 'Send heartbeat now' }));
    expect(await screen.findByText('Heartbeat delivered.')).toBeTruthy();
    expect(screen.getByText(/Head office answered 202 in 48 ms/)).toBeTruthy();
    expect(screen.getByText('{"received":true}')).toBeTruthy();
    client.heartbeatResult = { ok: false, url: client.monitoring.url, status: null, latencyMs: 10_000, body: null, error: 'Timeout: no complete answer within 10 s' };
    await user.click(screen.getByRole('button', { name: 'Send heartbeat now' }));
    expect(await screen.findByText('Heartbeat failed.')).toBeTruthy();
    expect(screen.getByText(/Timeout: no complete answer within 10 s/)).toBeTruthy();
    vi.spyOn(client, 'sendHeartbeatNow').mockRejectedValueOnce(new HubError('no_url', 'Enter and save the heartbeat URL before sending a heartbeat', [], 400));
    await user.click(screen.getByRole('button', { name: 'Send heartbeat now' }));
    expect(await screen.findByText(/Could not send the heartbeat: Enter and save the heartbeat URL/)).toBeTruthy();
  });

  it('generates its own signing secret, not the partner\'s', async () => {
    const client = new FakeClient();
    const own = vi.spyOn(client, 'rotateMonitoringSecret');
    const partners = vi.spyOn(client, 'rotateSigningSecret');
    const { user } = await openPage(client);
    await user.click(screen.getByRole('button', { name: 'Generate secret' }));
    expect(await screen.findByText('whsec_bmV3aGVhZG9mZmljZW5ld2hlYWRvZmZpY2VuZXdo')).toBeTruthy();
    expect(own).toHaveBeenCalledTimes(1);
    expect(partners).not.toHaveBeenCalled();
  });

  it('tells how sending to head office goes', async () => {
    const client = new FakeClient();
    client.monitoring = monitoringView({
      url: 'https://head-office.example/hubs',
      status: { state: 'backing-off', lastDeliveredAt: null, lastStatus: 503, lastError: 'HTTP 503: the partner had a problem; will retry', waiting: { heartbeats: 1, alerts: 2 }, nextHeartbeatAt: null },
    });
    await openPage(client);
    expect(screen.getByText(/Head office is not answering/)).toBeTruthy();
    expect(screen.getByText('1 heartbeat, 2 alerts')).toBeTruthy();
    expect(screen.getByText('hub_0123456789abcdef')).toBeTruthy();
  });

  it('is reached from Integration Hub', async () => {
    render(<App client={new FakeClient()} />);
    const oldURL = window.location.href;
    await act(async () => {
      window.history.pushState(null, '', '#/integration-hub');
      window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL, newURL: window.location.href }));
    });
    expect(screen.getByRole('link', { name: /Monitoring/ }).getAttribute('href')).toBe('#/integration-hub/monitoring');
    await act(async () => {
      const from = window.location.href;
      window.history.pushState(null, '', '#/integration-hub/monitoring');
      window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL: from, newURL: window.location.href }));
    });
    expect(await screen.findByRole('heading', { name: 'Monitoring', level: 1 })).toBeTruthy();
  });
});
