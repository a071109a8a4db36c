// @vitest-environment jsdom
// Hash routing and the unsaved-changes guard: leaving the Webhooks page with edits asks first.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/src/app.tsx';
import { parseHash, parseLocation } from '../../renderer/src/router.tsx';
import { FakeClient } from './fake-client.ts';

beforeEach(() => {
  // jsdom does not scroll; the router scrolls to the top on each page change.
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

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

describe('navigation', () => {
  it('maps hashes to pages', () => {
    expect(parseHash('')).toBe('home');
    expect(parseHash('#/')).toBe('home');
    expect(parseHash('#/integration-hub')).toBe('integration-hub');
    expect(parseHash('#/integration-hub/order-webhook/')).toBe('order-webhook');
    expect(parseHash('#/deliveries')).toBe('deliveries');
    expect(parseHash('#/deliveries?partner=p2&state=cancelled')).toBe('deliveries');
    expect(parseLocation('#/integration-hub/partners/p12')).toMatchObject({ route: 'partner', partnerId: 'p12' });
    expect(parseHash('#/integration-hub/partners/new')).toBe('add-partner');
    expect(parseHash('#/integration-hub/partners/x1')).toBe('not-found');
    expect(parseHash('#/nope')).toBe('not-found');
  });

  it('goes Home → Integration Hub → the partner’s Order webhook page; the old address is its page too', async () => {
    render(<App client={new FakeClient()} />);
    expect(screen.getByRole('heading', { name: 'Home' })).toBeTruthy();
    await act(async () => goTo('#/integration-hub'));
    expect((await screen.findByRole('link', { name: 'Order webhook' })).getAttribute('href')).toBe('#/integration-hub/partners/p1');
    await act(async () => goTo('#/integration-hub/partners/p1'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Order webhook' })).toBeTruthy();
    expect(((await screen.findByLabelText('Partner name')) as HTMLInputElement).value).toBe('Order webhook');
    await act(async () => goTo('#/integration-hub/order-webhook'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Order webhook' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Remove Order webhook' })).toBeTruthy();
  });

  it('asks before leaving unsaved changes, and stays when told to', async () => {
    window.history.replaceState(null, '', '#/integration-hub/order-webhook');
    render(<App client={new FakeClient()} />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('API Key'), '-2');
    await act(async () => goTo('#/deliveries'));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    expect(window.location.hash).toBe('#/integration-hub/order-webhook');
    await user.click(screen.getByRole('button', { name: 'Stay on this page' }));
    expect(dialog.isConnected).toBe(false);
    expect((screen.getByLabelText('API Key') as HTMLInputElement).value).toBe('X-API-Key-2');
  });
});
