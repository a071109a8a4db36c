// The desktop entry's own log lines (start, stop, a window that could not load): a readable line
// on stderr for `npm start`, and the same line in the hub's JSON-lines format in the hub's log
// destination (logs/hub.log in the packaged app), so both sides of a problem are in one file.
// Callers never pass secrets here.

export type DesktopLog = (message: string, level?: 'info' | 'warn' | 'error') => void;

const LEVELS = { info: 30, warn: 40, error: 50 } as const;

export function createDesktopLog(destination: NodeJS.WritableStream): DesktopLog {
  return (message, level = 'info') => {
    console.error(`[desktop] ${message}`);
    // From a terminal the hub logs to stdout, next to these stderr lines already.
    if (destination === process.stdout) return;
    destination.write(`${JSON.stringify({ level: LEVELS[level], time: Date.now(), app: 'order-webhook-hub', component: 'desktop', msg: message })}\n`);
  };
}
