// Hash routing (#/, #/integration-hub, #/integration-hub/partners/p2, #/deliveries?state=…) with
// one guard: a page holding unsaved changes marks itself dirty, and leaving it — by link, Back, or
// closing the window — asks first.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from './common/confirm-dialog.tsx';

export type Route = 'home' | 'integration-hub' | 'order-webhook' | 'partner' | 'add-partner' | 'monitoring' | 'deliveries' | 'not-found';

/** Where the hash points: the page, the partner of a partner page, and the query after `?`. */
export interface Location {
  route: Route;
  partnerId?: string;
  query: URLSearchParams;
  /** The raw query, so a page can start afresh when only its query changed. */
  search: string;
}

const PATHS: Record<string, Route> = {
  '': 'home',
  '/': 'home',
  '/integration-hub': 'integration-hub',
  '/integration-hub/order-webhook': 'order-webhook',
  '/integration-hub/partners/new': 'add-partner',
  '/integration-hub/monitoring': 'monitoring',
  '/deliveries': 'deliveries',
};

const PARTNER_PATH = /^\/integration-hub\/partners\/(p[1-9]\d{0,6})$/;

export const HREF: Record<Exclude<Route, 'not-found' | 'partner'>, string> = {
  home: '#/',
  'integration-hub': '#/integration-hub',
  'order-webhook': '#/integration-hub/order-webhook',
  'add-partner': '#/integration-hub/partners/new',
  monitoring: '#/integration-hub/monitoring',
  deliveries: '#/deliveries',
};

/** One partner's Order webhook page. */
export function partnerHref(partnerId: string): string {
  return `#/integration-hub/partners/${partnerId}`;
}

/** The log opened on a filter, e.g. one partner's cancelled deliveries. */
export function deliveriesHref(filters: { partner?: string; state?: string; hook?: string } = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  return query === '' ? HREF.deliveries : `${HREF.deliveries}?${query}`;
}

export function parseLocation(hash: string): Location {
  const raw = hash.replace(/^#/, '');
  const at = raw.indexOf('?');
  const path = (at < 0 ? raw : raw.slice(0, at)).replace(/\/+$/, '') || '/';
  const search = at < 0 ? '' : raw.slice(at + 1);
  const query = new URLSearchParams(search);
  const partner = PARTNER_PATH.exec(path);
  if (partner) return { route: 'partner', partnerId: partner[1], query, search };
  return { route: PATHS[path] ?? 'not-found', query, search };
}

export function parseHash(hash: string): Route {
  return parseLocation(hash).route;
}

const DirtyContext = createContext<(dirty: boolean) => void>(() => {});

/** Marks the current page as holding unsaved changes (in-app navigation and unload both warn). */
export function useUnsavedGuard(dirty: boolean): void {
  const setDirty = useContext(DirtyContext);
  useEffect(() => {
    setDirty(dirty);
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      setDirty(false);
    };
  }, [dirty, setDirty]);
}

export function Router({ render }: { render: (location: Location) => ReactNode }) {
  const [location, setLocation] = useState<Location>(() => parseLocation(window.location.hash));
  const [pending, setPending] = useState<string | null>(null);
  const dirty = useRef(false);
  const setDirty = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);

  useEffect(() => {
    const onHashChange = (event: HashChangeEvent) => {
      if (dirty.current) {
        // Put the old address back without a new history entry, then ask.
        window.history.replaceState(window.history.state, '', event.oldURL);
        setPending(event.newURL);
        return;
      }
      setLocation(parseLocation(window.location.hash));
      window.scrollTo?.(0, 0);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const leave = () => {
    const target = pending;
    setPending(null);
    dirty.current = false;
    if (target) window.location.href = target;
  };

  return (
    <DirtyContext.Provider value={setDirty}>
      {render(location)}
      {pending && (
        <ConfirmDialog title="Leave without saving?" confirmLabel="Leave without saving" cancelLabel="Stay on this page" onConfirm={leave} onCancel={() => setPending(null)}>
          <p>Your changes on this page are not saved yet. If you leave now they are lost.</p>
        </ConfirmDialog>
      )}
    </DirtyContext.Provider>
  );
}
