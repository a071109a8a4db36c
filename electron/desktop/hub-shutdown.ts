// Closing the hub exactly once, whichever way the desktop app is stopped: the manager's Quit (after
// before-quit/will-quit), a signal, the end of the Windows session or a system shutdown. A stop
// that arrives while the hub is still starting waits for it. No `electron` import.
import type { Hub } from '../hub/hub-types.ts';
import type { DesktopLog } from './desktop-log.ts';

export interface HubShutdownOptions {
  log: DesktopLog;
  /** Ends the process at once (app.exit): no windows asked, no quit events. */
  exit(code: number): void;
  /** A hub that will not close in time is abandoned; its queue is in SQLite either way. */
  closeTimeoutMs?: number;
}

export interface HubShutdown {
  /** The hub is up: what to close, and what to undo first (IPC handlers, the stats watch). */
  attach(hub: Pick<Hub, 'close'>, disposers: Array<() => void>): void;
  /** The hub never came up: nothing to close. */
  startFailed(): void;
  /** Closes the hub once; every caller gets the same promise, true when it closed cleanly. */
  close(reason: string): Promise<boolean>;
  /** For stops nobody can answer (signals, session end): close, then exit without asking. */
  stopNow(reason: string): void;
  /** The close has finished (cleanly or not). */
  readonly closed: boolean;
}

interface Running {
  hub: Pick<Hub, 'close'>;
  disposers: Array<() => void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createHubShutdown(options: HubShutdownOptions): HubShutdown {
  const { log, exit, closeTimeoutMs = 30_000 } = options;
  let settleStart: (running: Running | null) => void = () => {};
  const started = new Promise<Running | null>((resolve) => { settleStart = resolve; });
  let closing: Promise<boolean> | null = null;
  let closed = false;
  let exiting = false;

  async function closeOnce(reason: string): Promise<boolean> {
    log(`stopping the hub (${reason})…`);
    const running = await started;
    if (!running) return false;
    for (const dispose of running.disposers) {
      try {
        dispose();
      } catch (error) {
        log(`while stopping: ${messageOf(error)}`, 'warn');
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), closeTimeoutMs); });
    try {
      const outcome = await Promise.race([running.hub.close().then(() => 'closed' as const), timeout]);
      if (outcome === 'closed') return true;
      log(`the hub did not stop within ${closeTimeoutMs} ms; exiting anyway (queued orders are safe in SQLite)`, 'error');
      return false;
    } catch (error) {
      log(`closing the hub failed: ${messageOf(error)}`, 'error');
      return false;
    } finally {
      clearTimeout(timer);
      closed = true;
    }
  }

  const shutdown: HubShutdown = {
    attach: (hub, disposers) => settleStart({ hub, disposers }),
    startFailed: () => settleStart(null),
    close: (reason) => (closing ??= closeOnce(reason)),
    stopNow(reason) {
      if (exiting) return;
      exiting = true;
      void shutdown.close(reason).then((clean) => exit(clean ? 0 : 1));
    },
    get closed() { return closed; },
  };
  return shutdown;
}
