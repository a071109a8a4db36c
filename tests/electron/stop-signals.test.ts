// takeOverStopSignals against a stand-in `process` carrying the listener when-exit installs: on
// Windows its re-raise (`process.kill(pid, signal)`) ends the process outright, which the
// real-process tests (serve-stop-signals, main-lifecycle) cannot show on Linux.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { stopSignalsFor, takeOverStopSignals, type SignalTarget, type StopSignal } from '../../electron/stop-signals.ts';

/** A process whose signals behave as on Windows: process.kill ends it, whatever the signal. */
function windowsLikeProcess() {
  const emitter = new EventEmitter();
  const killed: string[] = [];
  // when-exit 2.1.5 (dist/node/interceptor.js): once per signal, run the callbacks, re-raise.
  for (const signal of ['SIGHUP', 'SIGINT', 'SIGTERM']) emitter.once(signal, () => killed.push(signal));
  const target: SignalTarget = {
    on: (event, listener) => emitter.on(event, listener),
    removeListener: (event, listener) => emitter.removeListener(event, listener),
    removeAllListeners: (event) => emitter.removeAllListeners(event),
  };
  return { emitter, killed, target };
}

describe('takeOverStopSignals', () => {
  it('without it, when-exit ends a Windows process on Ctrl+C before any stop handler runs', () => {
    const { emitter, killed } = windowsLikeProcess();
    const stops: string[] = [];
    emitter.on('SIGINT', () => stops.push('SIGINT'));
    emitter.emit('SIGINT');
    expect(killed).toEqual(['SIGINT']); // the process is gone: the hub never closed
  });

  it('takes every stop signal from other listeners and stops once, however many arrive', () => {
    const { emitter, killed, target } = windowsLikeProcess();
    const stops: StopSignal[] = [];
    const repeats: StopSignal[] = [];
    takeOverStopSignals((signal) => stops.push(signal), { target, platform: 'win32', onRepeat: (signal) => repeats.push(signal) });
    for (const signal of stopSignalsFor('win32')) expect(emitter.listenerCount(signal)).toBe(1);
    emitter.emit('SIGINT');
    emitter.emit('SIGHUP'); // the console window closed while stopping
    emitter.emit('SIGINT');
    expect(killed).toEqual([]);
    expect(stops).toEqual(['SIGINT']);
    expect(repeats).toEqual(['SIGHUP', 'SIGINT']);
  });

  it('listens to Ctrl+Break only where it exists, and gives the signals back when disposed', () => {
    expect(stopSignalsFor('linux')).toEqual(['SIGINT', 'SIGTERM', 'SIGHUP']);
    expect(stopSignalsFor('darwin')).toEqual(['SIGINT', 'SIGTERM', 'SIGHUP']);
    expect(stopSignalsFor('win32')).toEqual(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']);
    const { emitter, target } = windowsLikeProcess();
    const dispose = takeOverStopSignals(() => {}, { target, platform: 'linux' });
    expect(emitter.listenerCount('SIGBREAK')).toBe(0);
    dispose();
    for (const signal of stopSignalsFor('linux')) expect(emitter.listenerCount(signal)).toBe(0);
  });
});
