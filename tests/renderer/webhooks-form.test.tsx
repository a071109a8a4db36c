// @vitest-environment jsdom
// The Webhooks form's rules: shared-schema errors inline with focus, nothing saved while invalid,
// secrets only sent when changed, hub-side field errors shown, Cancel back to what is saved.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HubError } from '../../shared/client.ts';
import { WebhooksPage } from '../../renderer/src/webhooks/webhooks-page.tsx';
import { FakeClient } from './fake-client.ts';
import { renderWithClient } from './render-app.tsx';

afterEach(cleanup);

async function openPage(client = new FakeClient()) {
  const saveSpy = vi.spyOn(client, 'savePartner');
  renderWithClient(<WebhooksPage />, client);
  await screen.findByRole('form', { name: 'Order webhook settings' });
  return { client, saveSpy, user: userEvent.setup() };
}

const hookGroup = (name: string) => within(screen.getByRole('group', { name }));

describe('Webhooks form', () => {
  it('refuses YES with an empty URL: shows the error, focuses the field, saves nothing', async () => {
    const { saveSpy, user } = await openPage();
    await user.click(hookGroup('Close Order Web Hooks').getByRole('radio', { name: 'YES' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const url = hookGroup('Close Order Web Hooks').getByLabelText('URL');
    expect(await screen.findByText('Enter the partner URL before turning this hook on')).toBeTruthy();
    expect(url.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(url));
    expect(saveSpy).not.toHaveBeenCalled();
  });

  it('rejects a header name that is not an HTTP token', async () => {
    const { saveSpy, user } = await openPage();
    const name = screen.getByLabelText('API Key');
    await user.clear(name);
    await user.type(name, 'X API Key');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Header name may only contain/)).toBeTruthy();
    expect(saveSpy).not.toHaveBeenCalled();
  });

  it('rejects a pasted value with a line break', async () => {
    const { saveSpy, user } = await openPage();
    const value = screen.getByLabelText('Value');
    fireEvent.paste(value, { clipboardData: { getData: () => 'abc\r\ndef' } });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Value must be on one line/)).toBeTruthy();
    expect(saveSpy).not.toHaveBeenCalled();
  });

  it('warns when the API key would go over plain http to another computer', async () => {
    const { user } = await openPage();
    const url = hookGroup('Open Order Web Hooks').getByLabelText('URL');
    await user.clear(url);
    await user.type(url, 'http://partner.example/open');
    expect(screen.getByText(/API key would travel unencrypted/)).toBeTruthy();
    await user.clear(url);
    await user.type(url, 'http://127.0.0.1:9000/open');
    expect(screen.queryByText(/API key would travel unencrypted/)).toBeNull();
  });

  it('leaves the stored value out when the manager did not type a new one, sends it when typed', async () => {
    const { client, saveSpy, user } = await openPage();
    const url = hookGroup('Close Order Web Hooks').getByLabelText('URL');
    await user.type(url, 'https://partner.example/close');
    await user.click(hookGroup('Close Order Web Hooks').getByRole('radio', { name: 'YES' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saveSpy).toHaveBeenCalledTimes(1));
    const first = client.saved[0];
    expect(first?.requestHeader).toEqual({ name: 'X-API-Key' });
    expect(first).not.toHaveProperty('signingSecret');
    expect(first?.hooks.close).toEqual({ url: 'https://partner.example/close', enabled: true });
    expect(await screen.findByText(/^Saved\./)).toBeTruthy();

    await user.type(screen.getByLabelText('Value'), 'new-secret');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saveSpy).toHaveBeenCalledTimes(2));
    expect(client.saved[1]?.requestHeader).toEqual({ name: 'X-API-Key', value: 'new-secret' });
  });

  it('shows the hub’s field errors inline', async () => {
    const { saveSpy, user } = await openPage();
    saveSpy.mockRejectedValueOnce(new HubError('invalid_settings', 'Settings are not valid', [{ path: 'hooks.open.url', message: 'The hub cannot use this address' }], 400));
    await user.click(hookGroup('3rd Order Web Hooks is Active').getByRole('radio', { name: 'YES' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The hub cannot use this address')).toBeTruthy();
    const url = hookGroup('Open Order Web Hooks').getByLabelText('URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert', { name: '' }).textContent).toMatch(/Not saved/);
  });

  it('Cancel puts back what is saved', async () => {
    const { saveSpy, user } = await openPage();
    const url = hookGroup('Open Order Web Hooks').getByLabelText('URL') as HTMLInputElement;
    await user.clear(url);
    await user.type(url, 'https://other.example/x');
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(url.value).toBe('https://partner.example/orders/open');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    expect(saveSpy).not.toHaveBeenCalled();
  });

  it('warns that turning a hook off cancels what waits for it', async () => {
    const client = new FakeClient();
    Object.assign(client.stats.endpoints[1]!, { status: 'backing-off', waiting: 5 });
    const { user } = await openPage(client);
    const update = hookGroup('Update Order Web Hooks');
    await screen.findByText(/5 waiting/);
    await user.click(update.getByRole('radio', { name: 'NO' }));
    expect(update.getByText(/cancels 5 waiting deliveries when you save/)).toBeTruthy();
  });

  it('points out that POS terminal orders need the Open Order URL', async () => {
    const client = new FakeClient();
    client.settings.hooks.open = { url: '', enabled: false };
    const { user } = await openPage(client);
    await user.click(hookGroup('3rd Order Web Hooks is Active').getByRole('radio', { name: 'YES' }));
    expect(screen.getByText(/POS terminal orders go to the Open Order Web Hooks URL: enter that URL/)).toBeTruthy();
  });

  it('reports every problem on the first Save, the retry limit included', async () => {
    const { saveSpy, user } = await openPage();
    const name = screen.getByLabelText('API Key');
    await user.clear(name);
    await user.type(name, 'X API Key');
    await user.click(hookGroup('Close Order Web Hooks').getByRole('radio', { name: 'YES' }));
    const hours = screen.getByLabelText('Retry limit (hours)');
    await user.clear(hours);
    await user.type(hours, 'lots');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Header name may only contain/)).toBeTruthy();
    expect(screen.getByText('Enter the partner URL before turning this hook on')).toBeTruthy();
    expect(screen.getByText(/whole number of hours/)).toBeTruthy();
    expect(screen.getByText('Please fix 3 fields marked in red.')).toBeTruthy();
    expect(saveSpy).not.toHaveBeenCalled();
  });

  it('is titled as the breadcrumb says: Order webhook', async () => {
    await openPage();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Order webhook');
    expect(screen.getByRole('navigation', { name: 'Breadcrumb' }).textContent).toContain('Order webhook');
  });

  it('the POS connection panel gives the LAN address to enter in the POS, how to send the token and the event format', async () => {
    const client = new FakeClient();
    client.getConnection = async () => ({ ingestUrls: ['http://192.168.1.20:8787/v1/events', 'http://127.0.0.1:8787/v1/events'], posTokenMasked: '••••••••abcd', ingestHost: '0.0.0.0', version: '0.1.0', lastEventAt: null });
    await openPage(client);
    const panel = within(screen.getByRole('region', { name: 'POS connection' }));
    const posUrl = await panel.findByText('http://192.168.1.20:8787/v1/events');
    expect(posUrl.closest('dd')?.previousElementSibling?.textContent).toBe('Ingest URL for the POS');
    expect(panel.getByRole('button', { name: 'Copy ingest URL' })).toBeTruthy();
    expect(panel.getByText('http://127.0.0.1:8787/v1/events').closest('dd')?.previousElementSibling?.textContent).toMatch(/only from this PC/i);
    expect(panel.getByText('Authorization: Bearer <token>')).toBeTruthy();
    expect(panel.getByText(/Never: the POS has not sent an event/)).toBeTruthy();
    const format = panel.getByRole('link', { name: /event format/i });
    expect(format.getAttribute('href')).toMatch(/pos-event\.schema.*\.json$/);
  });

  it('says when the hub listens only on this PC, so the POS cannot reach it', async () => {
    const client = new FakeClient();
    client.getConnection = async () => ({ ingestUrls: ['http://127.0.0.1:8787/v1/events'], posTokenMasked: '••••••••abcd', ingestHost: '0.0.0.0', version: '0.1.0', lastEventAt: '2026-11-27T19:04:11.120Z' });
    await openPage(client);
    const panel = within(screen.getByRole('region', { name: 'POS connection' }));
    expect(await panel.findByText(/listens on this PC only/)).toBeTruthy();
    expect(panel.getByText('Last event from the POS').nextElementSibling?.textContent).toMatch(/Nov 27/);
  });

  it('the rotate dialog says to give the new secret to the partner', async () => {
    const client = new FakeClient();
    client.settings.signingSecret = '••••••••3ZXI';
    const { user } = await openPage(client);
    await user.click(screen.getByRole('button', { name: 'Rotate secret' }));
    expect((await screen.findByRole('dialog', { name: 'Rotate the signing secret?' })).textContent).toMatch(/give the new secret to the partner/i);
  });
});

