// Mounts the forgetful fs, makes a file durable, cuts the power and reads it back; prints `ok`.
// Run by forgetful-fs.test.ts inside a mount namespace where fusermount and mount.fuse are
// hidden, to prove the filesystem needs neither (CI installs no FUSE package).
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fsyncDirectory } from '../../../electron/hub/durable-file.ts';
import { mountForgetfulFs } from '../../support/forgetful-mount.ts';

const disk = await mountForgetfulFs();
const file = path.join(disk.mountpoint, 'probe');
const fd = openSync(file, 'w');
writeSync(fd, 'durable');
fsyncSync(fd);
closeSync(fd);
fsyncDirectory(disk.mountpoint);
await disk.powerCut();
const kept = readFileSync(file, 'utf8');
await disk.close();
console.log(kept === 'durable' ? 'ok' : `lost: ${JSON.stringify(kept)}`);
