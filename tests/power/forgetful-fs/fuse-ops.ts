// Turns one FUSE request into a call on the forgetful tree and builds its reply. Requests are
// handled one at a time, to completion, so an fsync is applied whole before the next request
// (or a power cut) is looked at.
import {
  attrOut, dirent, entryOut, errno, FATTR, FUSE_FSYNC_FDATASYNC, IN_HEADER_SIZE, initOut, Op, openOut,
  readInHeader, readNames, RENAME_EXCHANGE, RENAME_NOREPLACE, reply, statfsOut, writeOut, type InHeader,
} from './fuse-abi.ts';
import { FsError, type DirEntry, type ForgetfulTree, type SetAttr } from './forgetful-tree.ts';

export interface Session {
  tree: ForgetfulTree;
  dirHandles: Map<number, DirEntry[]>;
  nextHandle: number;
  /** Set once the kernel said DESTROY (a clean unmount). */
  destroyed: boolean;
}

export function newSession(tree: ForgetfulTree): Session {
  return { tree, dirHandles: new Map(), nextHandle: 1, destroyed: false };
}

const u32 = (body: Buffer, at: number) => body.readUInt32LE(at);
const u64 = (body: Buffer, at: number) => Number(body.readBigUInt64LE(at));
const timeOf = (body: Buffer, secAt: number, nsecAt: number) => u64(body, secAt) * 1000 + u32(body, nsecAt) / 1e6;

function setattrOf(body: Buffer): SetAttr {
  const valid = u32(body, 0);
  const change: SetAttr = {};
  const now = Date.now();
  if (valid & FATTR.SIZE) change.size = u64(body, 16);
  if (valid & FATTR.ATIME) change.atimeMs = valid & FATTR.ATIME_NOW ? now : timeOf(body, 32, 56);
  if (valid & FATTR.MTIME) change.mtimeMs = valid & FATTR.MTIME_NOW ? now : timeOf(body, 40, 60);
  if (valid & FATTR.CTIME) change.ctimeMs = timeOf(body, 48, 64);
  if (valid & FATTR.MODE) change.mode = u32(body, 68);
  if (valid & FATTR.UID) change.uid = u32(body, 76);
  if (valid & FATTR.GID) change.gid = u32(body, 80);
  return change;
}

function readdirReply(entries: DirEntry[], offset: number, size: number): Buffer {
  const parts: Buffer[] = [];
  let used = 0;
  for (let i = offset; i < entries.length; i++) {
    const entry = entries[i]!;
    const part = dirent(entry.ino, i + 1, entry.name, entry.mode);
    if (used + part.length > size) break;
    parts.push(part);
    used += part.length;
  }
  return Buffer.concat(parts);
}

/** The payload of a successful reply, or null for requests the kernel expects no answer to. */
function answer(session: Session, h: InHeader, body: Buffer): Buffer | null {
  const tree = session.tree;
  const entry = (ino: number) => entryOut(tree.attr(ino));
  switch (h.opcode) {
    case Op.INIT: {
      if (u32(body, 0) !== 7) throw new FsError(errno.EIO, `FUSE major version ${u32(body, 0)} is not 7`);
      return initOut(u32(body, 8));
    }
    case Op.DESTROY:
      session.destroyed = true;
      return Buffer.alloc(0);
    case Op.LOOKUP: return entry(tree.lookup(h.nodeid, readNames(body, 1)[0]!));
    case Op.FORGET:
      tree.forget(h.nodeid, u64(body, 0));
      return null;
    case Op.BATCH_FORGET: {
      const count = u32(body, 0);
      for (let i = 0; i < count; i++) tree.forget(u64(body, 8 + i * 16), u64(body, 16 + i * 16));
      return null;
    }
    case Op.INTERRUPT: return null; // every request is answered at once anyway
    case Op.GETATTR: return attrOut(tree.attr(h.nodeid));
    case Op.SETATTR:
      tree.setattr(h.nodeid, setattrOf(body));
      return attrOut(tree.attr(h.nodeid));
    case Op.MKDIR: return entry(tree.mkdir(h.nodeid, readNames(body.subarray(8), 1)[0]!, u32(body, 0), h.uid, h.gid));
    case Op.CREATE: {
      const ino = tree.create(h.nodeid, readNames(body.subarray(16), 1)[0]!, u32(body, 4), h.uid, h.gid);
      tree.opened(ino);
      return Buffer.concat([entry(ino), openOut(session.nextHandle++)]);
    }
    case Op.UNLINK:
      tree.unlink(h.nodeid, readNames(body, 1)[0]!);
      return Buffer.alloc(0);
    case Op.RMDIR:
      tree.rmdir(h.nodeid, readNames(body, 1)[0]!);
      return Buffer.alloc(0);
    case Op.RENAME:
    case Op.RENAME2: {
      const flags = h.opcode === Op.RENAME2 ? u32(body, 8) : 0;
      if (flags & RENAME_EXCHANGE) throw new FsError(errno.EINVAL);
      const [from, to] = readNames(body.subarray(h.opcode === Op.RENAME2 ? 16 : 8), 2);
      tree.rename(h.nodeid, from!, u64(body, 0), to!, (flags & RENAME_NOREPLACE) !== 0);
      return Buffer.alloc(0);
    }
    case Op.OPEN:
      tree.attr(h.nodeid);
      tree.opened(h.nodeid);
      return openOut(session.nextHandle++);
    case Op.RELEASE:
      tree.released(h.nodeid);
      return Buffer.alloc(0);
    case Op.READ: return tree.read(h.nodeid, u64(body, 8), u32(body, 16));
    case Op.WRITE: return writeOut(tree.write(h.nodeid, u64(body, 8), body.subarray(40, 40 + u32(body, 16))));
    case Op.FLUSH: return Buffer.alloc(0); // close() is not fsync(): nothing becomes durable
    case Op.FSYNC:
      tree.fsync(h.nodeid, (u32(body, 8) & FUSE_FSYNC_FDATASYNC) !== 0);
      return Buffer.alloc(0);
    case Op.FSYNCDIR:
      tree.fsyncDir(h.nodeid);
      return Buffer.alloc(0);
    case Op.FALLOCATE:
      if (u32(body, 24) !== 0) throw new FsError(errno.EOPNOTSUPP);
      tree.allocate(h.nodeid, u64(body, 8), u64(body, 16));
      return Buffer.alloc(0);
    case Op.OPENDIR: {
      const handle = session.nextHandle++;
      session.dirHandles.set(handle, tree.readdir(h.nodeid));
      tree.opened(h.nodeid);
      return openOut(handle);
    }
    case Op.READDIR: {
      const handle = u64(body, 0);
      const entries = session.dirHandles.get(handle) ?? tree.readdir(h.nodeid);
      return readdirReply(entries, u64(body, 8), u32(body, 16));
    }
    case Op.RELEASEDIR:
      session.dirHandles.delete(u64(body, 0));
      tree.released(h.nodeid);
      return Buffer.alloc(0);
    case Op.STATFS: return statfsOut();
    case Op.ACCESS: return Buffer.alloc(0); // default_permissions: the kernel checks modes itself
    case Op.LINK:
    case Op.SYMLINK:
    case Op.MKNOD:
    case Op.TMPFILE:
      throw new FsError(errno.EPERM); // hard links, symlinks and devices: not part of the model
    default:
      // xattrs, locks (kept by the kernel), lseek, copy_file_range, ioctl: the kernel falls back.
      throw new FsError(errno.ENOSYS);
  }
}

/** The bytes to write back to /dev/fuse for one request, or null when no reply is due. */
export function handleRequest(session: Session, request: Buffer): Buffer | null {
  const h = readInHeader(request);
  const body = request.subarray(IN_HEADER_SIZE, h.len);
  try {
    const payload = answer(session, h, body);
    return payload === null ? null : reply(h.unique, 0, payload);
  } catch (error) {
    if (error instanceof FsError) return reply(h.unique, error.errno);
    const code = (error as NodeJS.ErrnoException).code;
    // The backing folder refused (full disk, say): the program sees an I/O error, as on a bad disk.
    console.error(`forgetful fs: opcode ${h.opcode} on inode ${h.nodeid} failed:`, error);
    return reply(h.unique, code === 'ENOSPC' ? errno.ENOSPC : errno.EIO);
  }
}
