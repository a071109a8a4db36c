// @vitest-environment jsdom
// Send test tests what is saved, so it waits for Save when the URL field holds another address,
// names the address it tested, and drops an old result once the URL changes (issue 12 item 6).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WebhooksPage } from '../../renderer/src/webhooks/webhooks-page.tsx';
import { FakeClient } from './fake-client.ts';
import { renderWithClient } from './render-app.tsx';

afterEach(cleanup);

async function openHook(name: string, client = new FakeClient()) {
  const send = vi.spyOn(client, 'sendPartnerTest');
  renderWithClient(<WebhooksPage />, client);
  await screen.findByRole('form', { name: 'Order webhook settings' });
  return { group: within(screen.getByRole('group', { name })), send, user: userEvent.setup() };
}

describe('Send test', () => {
  it('names the URL it tested', async () => {
    const { group, user } = await openHook('Open Order Web Hooks');
    await user.click(group.getByRole('button', { name: /Send test/ }));
    expect((await group.findByText(/Test delivered/)).closest('.test-result')?.textContent).toContain('https://partner.example/orders/open');
  });

  it('is disabled while the URL field differs from the saved URL, and says why', async () => {
    const { group, send, user } = await openHook('Open Order Web Hooks');
    const url = group.getByLabelText('URL');
    await user.clear(url);
    await user.type(url, 'https://new.example/open');
    const button = group.getByRole('button', { name: /Send test/ });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(group.getByText('Save to test this address')).toBeTruthy();
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    await user.clear(url);
    await user.type(url, 'https://partner.example/orders/open');
    expect((group.getByRole('button', { name: /Send test/ }) as HTMLButtonElement).disabled).toBe(false);
    expect(group.queryByText('Save to test this address')).toBeNull();
    expect(send).not.toHaveBeenCalled();
  });

  it('cannot test a hook with no saved URL', async () => {
    const { group } = await openHook('Close Order Web Hooks');
    expect((group.getByRole('button', { name: /Send test/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(group.getByText(/Enter a URL and save to test it/)).toBeTruthy();
  });

  it('clears the result when the URL field changes', async () => {
    const { group, user } = await openHook('Open Order Web Hooks');
    await user.click(group.getByRole('button', { name: /Send test/ }));
    await group.findByText(/Test delivered/);
    await user.type(group.getByLabelText('URL'), 'x');
    expect(group.queryByText(/Test delivered/)).toBeNull();
  });
});
