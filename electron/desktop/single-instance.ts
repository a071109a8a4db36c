// One app per data folder: a second launch (a desktop shortcut clicked again, a login item) only
// brings the running one's window forward. The lock lives in userData, which is the data folder.
import { app } from 'electron';

/** False when another instance holds the lock (this one should quit at once). */
export function claimSingleInstance(onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', onSecondLaunch);
  return true;
}
