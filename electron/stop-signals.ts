// Owns the signals that mean "stop" (Ctrl+C, SIGTERM, a closed terminal or console window) for
// both entries, `npm run serve` and the desktop app, so each reaches one stop handler exactly once.
//
// Why take them over: the settings library (conf → atomically → when-exit) hooks SIGHUP, SIGINT
// and SIGTERM with `process.once` as soon as it is imported, runs its clean-up, then re-raises the
// signal with `process.kill(process.pid, signal)`. With no other listener left that re-raise hits
// the default action (SIGHUP today), and on Windows `process.kill` ends the process at once for any
// signal — so the hub never closed. Its clean-up is not lost: when-exit also listens to `exit`,
// which still fires when the entry exits after closing the hub. No `electron` import.

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGBREAK';

/** The part of `process` this module touches (the tests hand it a stand-in). */
export interface SignalTarget {
  on(event: StopSignal, listener: () => void): unknown;
  removeListener(event: StopSignal, listener: () => void): unknown;
  removeAllListeners(event: StopSignal): unknown;
}

export interface StopSignalOptions {
  /** A stop signal after the first one (the hub is already closing). */
  onRepeat?(signal: StopSignal): void;
  target?: SignalTarget;
  platform?: NodeJS.Platform;
}

/** SIGHUP is also what Windows' console-window close arrives as; SIGBREAK is Ctrl+Break there. */
export function stopSignalsFor(platform: NodeJS.Platform): StopSignal[] {
  return platform === 'win32' ? ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
}

/**
 * Removes every listener other modules put on the stop signals, then calls `onStop` for the first
 * stop signal and `onRepeat` for later ones. Removing first and adding after matters under
 * Electron on Linux and macOS: Node then installs its own OS handler afresh, in place of the one
 * Chromium set up after our modules loaded. Returns the function that removes our listeners.
 */
export function takeOverStopSignals(onStop: (signal: StopSignal) => void, options: StopSignalOptions = {}): () => void {
  const target = options.target ?? process;
  let stopping = false;
  const installed: Array<[StopSignal, () => void]> = [];
  for (const signal of stopSignalsFor(options.platform ?? process.platform)) {
    target.removeAllListeners(signal);
    const listener = () => {
      if (stopping) return options.onRepeat?.(signal);
      stopping = true;
      onStop(signal);
    };
    target.on(signal, listener);
    installed.push([signal, listener]);
  }
  return () => {
    for (const [signal, listener] of installed) target.removeListener(signal, listener);
  };
}
