// The POS panel must only show addresses the POS can really reach.
import { describe, expect, it } from 'vitest';
import { ingestUrlsFor } from '../../electron/hub/ingest/ingest-urls.ts';
import { startTestHub } from '../support/hub-fixture.ts';

describe('ingest URLs shown for the POS', () => {
  it('bound to one address: only that address', async () => {
    const hub = await startTestHub({ ingestHost: '127.0.0.1' });
    try {
      const port = new URL(hub.ingestUrl).port;
      expect((await hub.service.getConnection()).ingestUrls).toEqual([`http://127.0.0.1:${port}/v1/events`]);
    } finally {
      await hub.close();
    }
  });

  it('on all interfaces: the LAN addresses, then loopback', () => {
    const urls = ingestUrlsFor('0.0.0.0', 8787);
    expect(urls.at(-1)).toBe('http://127.0.0.1:8787/v1/events');
    for (const url of urls) expect(url).toMatch(/^http:\/\/[\d.]+:8787\/v1\/events$/);
  });

  it('IPv6 addresses are bracketed', () => {
    expect(ingestUrlsFor('::1', 8787)).toEqual(['http://[::1]:8787/v1/events']);
  });
});
