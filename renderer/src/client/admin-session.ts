// The browser's sign-in to the hub's admin port. The token arrives once, in the address the hub
// prints (`http://127.0.0.1:8788/?token=…`); it is kept in sessionStorage — this origin, so this
// port, only, and gone when the tab closes — and removed from the address bar at once. It is never
// a cookie: browsers send a host's cookies to every port, i.e. to any other service on 127.0.0.1.

export const SESSION_KEY = 'owh.adminToken';

type BrowserWindow = Pick<Window, 'location' | 'history' | 'sessionStorage'>;

export interface AdminSession {
  token(): string | null;
  /** The hub refused the token (restarted with a new one, say): sign in again. */
  forget(): void;
}

export function adminSession(win: BrowserWindow): AdminSession {
  let token = fromAddress(win) ?? read(win);
  return {
    token: () => token,
    forget() {
      token = null;
      try {
        win.sessionStorage.removeItem(SESSION_KEY);
      } catch {
        // storage unavailable: nothing was kept there
      }
    },
  };
}

/** Takes `?token=` out of the address (replacing the history entry) and keeps it for this tab. */
function fromAddress(win: BrowserWindow): string | null {
  const url = new URL(win.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return null;
  url.searchParams.delete('token');
  win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  if (token === '') return null;
  try {
    win.sessionStorage.setItem(SESSION_KEY, token);
  } catch {
    // Storage refused (a privacy mode, quota): the session lasts for this page load only.
  }
  return token;
}

function read(win: BrowserWindow): string | null {
  try {
    return win.sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}
