// Playwright fixtures: a fresh headless hub (own temp data folder, OS-chosen ports) and a test
// receiver per test, a page signed in through the tokenised admin URL, and small API helpers.
import { rmSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import type { PosEvent } from '../../shared/event.ts';
import type { SettingsInput, SettingsView } from '../../shared/settings.ts';
import type { Stats } from '../../shared/api.ts';
import type { PartnerInput, PartnerView } from '../../shared/partners.ts';
import { startTestReceiver, type Receiver } from '../support/test-receiver.ts';
import { startHubProcess, type HubProcess as RunningHub } from '../support/hub-process.ts';

export interface HubApi {
  get<T>(path: string): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  /** Adds a partner (`POST /api/partners`); resolves with it, id included. */
  addPartner(input: PartnerInput): Promise<PartnerView>;
  settings(): Promise<SettingsView>;
  saveSettings(input: SettingsInput): Promise<SettingsView>;
  stats(): Promise<Stats>;
  /** POSTs events to the ingest URL as the POS does; resolves with the hub's answer. */
  ingest(events: PosEvent[]): Promise<{ accepted: number; duplicates: number }>;
}

function apiFor(hub: RunningHub): HubApi {
  const admin = new URL(hub.adminUrl).origin;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${admin}${path}`, {
      method,
      headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    get: (path) => call('GET', path),
    put: (path, body) => call('PUT', path, body),
    post: (path, body) => call('POST', path, body),
    addPartner: (input) => call('POST', '/api/partners', input),
    settings: () => call('GET', '/api/settings'),
    saveSettings: (input) => call('PUT', '/api/settings', input),
    stats: () => call('GET', '/api/stats'),
    async ingest(events) {
      const response = await fetch(hub.ingestUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${hub.posToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(events.length === 1 ? events[0] : { events }),
      });
      expect(response.status, await response.clone().text()).toBe(202);
      return (await response.json()) as { accepted: number; duplicates: number };
    },
  };
}

interface Fixtures {
  hub: RunningHub;
  api: HubApi;
  receiver: Receiver;
  /** A page already signed in (the tokenised admin URL, kept in the tab's sessionStorage), on the home page. */
  adminPage: Page;
}

export const test = base.extend<Fixtures>({
  hub: async ({}, use) => {
    const hub = await startHubProcess();
    await use(hub);
    await hub.stop();
    rmSync(hub.dataDir, { recursive: true, force: true });
  },
  api: async ({ hub }, use) => use(apiFor(hub)),
  receiver: async ({}, use) => {
    const receiver = await startTestReceiver();
    await use(receiver);
    await receiver.close();
  },
  adminPage: async ({ page, hub }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(hub.adminUrl);
    await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
    await use(page);
    // Close the page (and its live event stream) before the hub stops.
    await page.close();
    expect(problems, 'no console errors').toEqual([]);
  },
});

export { expect };
