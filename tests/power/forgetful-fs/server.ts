// The forgetful filesystem's process: opens /dev/fuse, mounts it with util-linux's mount(8)
// (`-i`: no mount.fuse helper, so neither fuse3 nor fusermount is needed), then answers the
// kernel's requests one at a time. Its parent cuts the power by sending `cut`: the process dies
// on the spot, the kernel aborts the connection, and every unsynced change dies with it — the
// backing folder already holds exactly the durable state.
//   node server.mjs <backing> <store> <mountpoint> [<regexp: fsyncs of matching files are ignored>]
// (tests/support/forgetful-mount.ts bundles it with esbuild once per test process.)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { READ_BUFFER_SIZE } from './fuse-abi.ts';
import { handleRequest, newSession } from './fuse-ops.ts';
import { ForgetfulTree } from './forgetful-tree.ts';

export type ServerMessage =
  | { type: 'mounted' }
  | { type: 'failed'; reason: string }
  | { type: 'stats'; counters: ForgetfulTree['counters']; pending: ReturnType<ForgetfulTree['pending']> };
export type ControlMessage = { type: 'cut' } | { type: 'stats' };

const [backing, store, mountpoint, lieAbout] = process.argv.slice(2);
const send = (message: ServerMessage) => process.send?.(message);

function fail(reason: string): never {
  send({ type: 'failed', reason });
  process.exit(1);
}

if (!backing || !store || !mountpoint) fail('usage: server.ts <backing> <store> <mountpoint>');
const tree = new ForgetfulTree(backing, store, { lieAboutFsyncOf: lieAbout ? new RegExp(lieAbout) : undefined });
const session = newSession(tree);
const device = fs.openSync('/dev/fuse', 'r+');
const uid = process.getuid?.() ?? 0;
const gid = process.getgid?.() ?? 0;
const mounted = spawnSync('mount', [
  '-i', '-t', 'fuse', '-o', `fd=3,rootmode=40000,user_id=${uid},group_id=${gid},default_permissions,allow_other`, 'forgetful', mountpoint,
], { stdio: ['ignore', 'pipe', 'pipe', device], encoding: 'utf8' });
if (mounted.error) fail(`mount: ${mounted.error.message}`);
if (mounted.status !== 0) fail(`mount exited with ${mounted.status}: ${mounted.stderr.trim()}`);

// The power cut: no flush, no unmount, no goodbye; what is not in the backing folder is gone.
// SIGKILL rather than exit(): exit() would wait for the thread blocked reading /dev/fuse.
const cut = () => process.kill(process.pid, 'SIGKILL');
process.on('message', (message: ControlMessage) => {
  if (message.type === 'cut') cut();
  if (message.type === 'stats') send({ type: 'stats', counters: tree.counters, pending: tree.pending() });
});
process.on('disconnect', cut); // the test runner went away

const buffer = Buffer.alloc(READ_BUFFER_SIZE);
let announced = false;
function next(): void {
  fs.read(device, buffer, 0, buffer.length, null, (error, length) => {
    if (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENODEV') process.exit(0); // unmounted
      if (code === 'EINTR' || code === 'EAGAIN' || code === 'ENOENT') return next();
      fail(`reading /dev/fuse: ${error.message}`);
    }
    const answer = handleRequest(session, buffer.subarray(0, length));
    if (answer) {
      try {
        fs.writeSync(device, answer);
      } catch (writeError) {
        // ENOENT: the request was interrupted (its caller was killed) and no answer is wanted.
        if ((writeError as NodeJS.ErrnoException).code !== 'ENOENT') fail(`writing /dev/fuse: ${(writeError as Error).message}`);
      }
    }
    if (!announced) {
      announced = true; // the first request is INIT: from here on the mount answers
      send({ type: 'mounted' });
    }
    if (session.destroyed) process.exit(0);
    next();
  });
}
next();
