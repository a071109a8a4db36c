// Hash routing (#/, #/integration-hub, …) with one guard: a page holding unsaved changes marks
// itself dirty, and leaving it — by link, Back, or closing the window — asks first.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from './common/confirm-dialog.tsx';

export type Route = 'home' | 'integration-hub' | 'order-webhook' | 'monitoring' | 'deliveries' | 'not-found';

const PATHS: Record<string, Route> = {
  '': 'home',
  '/': 'home',
  '/integration-hub': 'integration-hub',
  '/integration-hub/order-webhook': 'order-webhook',
  '/integration-hub/monitoring': 'monitoring',
  '/deliveries': 'deliveries',
};

export const HREF: Record<Exclude<Route, 'not-found'>, string> = {
  home: '#/',
  'integration-hub': '#/integration-hub',
  'order-webhook': '#/integration-hub/order-webhook',
  monitoring: '#/integration-hub/monitoring',
  deliveries: '#/deliveries',
};

export function parseHash(hash: string): Route {
  return PATHS[hash.replace(/^#/, '').replace(/\/+$/, '') || '/'] ?? 'not-found';
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

export function Router({ render }: { render: (route: Route) => ReactNode }) {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
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
      setRoute(parseHash(window.location.hash));
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
      {render(route)}
      {pending && (
        <ConfirmDialog title="Leave without saving?" confirmLabel="Leave without saving" cancelLabel="Stay on this page" onConfirm={leave} onCancel={() => setPending(null)}>
          <p>Your changes on this page are not saved yet. If you leave now they are lost.</p>
        </ConfirmDialog>
      )}
    </DirtyContext.Provider>
  );
}
