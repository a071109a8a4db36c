// @vitest-environment jsdom
// At a glance: queue depth, each endpoint's health in words, the outage banner, the hourly chart.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { GlancePanel } from '../../renderer/src/glance/glance-panel.tsx';
import { useStats } from '../../renderer/src/glance/use-stats.ts';
import { emptyStats, FakeClient } from './fake-client.ts';
import { renderWithClient } from './render-app.tsx';

afterEach(cleanup);

function LiveGlance() {
  return <GlancePanel {...useStats()} />;
}

function clientWith(patch: (stats: ReturnType<typeof emptyStats>) => void) {
  const client = new FakeClient();
  patch(client.stats);
  return client;
}

describe('At a glance', () => {
  it('shows queue depth and healthy endpoints without a banner', async () => {
    renderWithClient(<LiveGlance />, new FakeClient());
    expect(await screen.findByText('waiting to be sent')).toBeTruthy();
    const health = screen.getByRole('list', { name: 'Endpoint health' });
    expect(within(health).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Close Order Web HooksOff', 'Open Order Web HooksUp', 'Update Order Web HooksUp']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('raises a banner with how many wait while a partner is down', async () => {
    const client = clientWith((stats) => {
      stats.queueDepth = 14;
      const update = stats.endpoints[1]!;
      Object.assign(update, { url: 'https://partner.example/update', status: 'backing-off', failingSince: '2026-11-27T19:00:00.000Z', waiting: 14, lastError: 'connection refused' });
    });
    renderWithClient(<LiveGlance />, client);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Partner not answering: Update Order Web Hooks.');
    expect(banner.textContent).toContain('14 orders waiting');
    expect(banner.textContent).toContain('connection refused');
    expect(screen.getByText('14')).toBeTruthy();
    expect(screen.getByText(/Not answering since .* · 14 waiting/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/Backing off/);
  });

  it('says the internet may be down when every partner host fails', async () => {
    const client = clientWith((stats) => {
      stats.endpoints.forEach((endpoint, i) => Object.assign(endpoint, { enabled: true, url: `https://p${i}.example/x`, status: 'backing-off', failingSince: '2026-11-27T19:00:00.000Z', waiting: 2 }));
    });
    renderWithClient(<LiveGlance />, client);
    expect((await screen.findByRole('alert')).textContent).toContain('the internet connection may be down');
  });

  it('flags a partner that answered 410 Gone', async () => {
    const client = clientWith((stats) => {
      Object.assign(stats.endpoints[0]!, { status: 'stopped', goneAt: '2026-11-27T19:00:00.000Z', url: 'https://partner.example/open' });
    });
    renderWithClient(<LiveGlance />, client);
    expect(await screen.findByText(/Partner asked to stop \(410 Gone\)/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('asked us to stop sending');
  });

  it('draws delivered vs failed per hour', async () => {
    const client = clientWith((stats) => {
      stats.hourly = Array.from({ length: 24 }, (_, h) => ({ hour: new Date(Date.UTC(2026, 10, 27, h)).toISOString(), delivered: h, failed: h % 2 }));
    });
    renderWithClient(<LiveGlance />, client);
    const chart = await screen.findByRole('img', { name: /276 delivered, 12 failed/ });
    expect(chart.querySelectorAll('rect.bar-delivered')).toHaveLength(24);
  });
});
