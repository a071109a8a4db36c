// The routing table (contract §2) as the pure function the ingest path uses: every row, on and off.
import { describe, expect, it } from 'vitest';
import { routeEvent } from '../../electron/hub/routing.ts';
import type { EventSource, EventType } from '../../shared/event.ts';

const URLS = { open: 'https://partner.example/open', update: 'https://partner.example/update', close: 'https://partner.example/close' };

function settings(on: { open?: boolean; update?: boolean; close?: boolean; thirdParty?: boolean }, urls: Partial<typeof URLS> = URLS) {
  return {
    hooks: {
      open: { url: urls.open ?? '', enabled: on.open ?? false },
      update: { url: urls.update ?? '', enabled: on.update ?? false },
      close: { url: urls.close ?? '', enabled: on.close ?? false },
    },
    thirdPartyOrders: on.thirdParty ?? false,
  };
}

const route = (type: EventType, source: EventSource, s: ReturnType<typeof settings>) => routeEvent({ type, source }, s);

describe('routeEvent', () => {
  it('check.opened from OLO goes to Open iff the Open toggle is YES, whatever 3rd party says', () => {
    expect(route('check.opened', 'OLO', settings({ open: true }))).toBe('open');
    expect(route('check.opened', 'OLO', settings({ open: true, thirdParty: true }))).toBe('open');
    expect(route('check.opened', 'OLO', settings({ open: false, thirdParty: true, update: true, close: true }))).toBeNull();
  });

  it('check.opened from POS goes to Open iff "3rd Order Web Hooks is Active", independent of the Open toggle', () => {
    expect(route('check.opened', 'POS', settings({ thirdParty: true, open: false }))).toBe('open');
    expect(route('check.opened', 'POS', settings({ thirdParty: true, open: true }))).toBe('open');
    expect(route('check.opened', 'POS', settings({ thirdParty: false, open: true, update: true, close: true }))).toBeNull();
  });

  it('check.updated from any source goes to Update iff the Update toggle is YES', () => {
    for (const source of ['OLO', 'POS'] as const) {
      expect(route('check.updated', source, settings({ update: true }))).toBe('update');
      expect(route('check.updated', source, settings({ update: false, open: true, close: true, thirdParty: true }))).toBeNull();
    }
  });

  it('check.closed from any source goes to Close iff the Close toggle is YES', () => {
    for (const source of ['OLO', 'POS'] as const) {
      expect(route('check.closed', source, settings({ close: true }))).toBe('close');
      expect(route('check.closed', source, settings({ close: false, open: true, update: true, thirdParty: true }))).toBeNull();
    }
  });

  it('a hook with no URL routes nothing even when its toggle (or 3rd party) is YES', () => {
    const noUrls = settings({ open: true, update: true, close: true, thirdParty: true }, { open: '', update: '', close: '' });
    expect(route('check.opened', 'OLO', noUrls)).toBeNull();
    expect(route('check.opened', 'POS', noUrls)).toBeNull();
    expect(route('check.updated', 'POS', noUrls)).toBeNull();
    expect(route('check.closed', 'OLO', noUrls)).toBeNull();
  });
});
