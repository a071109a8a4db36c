// The slice of the Linux FUSE kernel protocol (include/uapi/linux/fuse.h, protocol 7.31) that the
// forgetful filesystem speaks: opcodes, flags, and the byte layout of the structures it reads
// and writes on /dev/fuse. Little-endian, as on every machine the suite runs on.

export const FUSE_KERNEL_VERSION = 7;
/** The minor version we answer INIT with; the kernel adapts to it (ours has no use for newer). */
export const FUSE_KERNEL_MINOR_VERSION = 31;

export const Op = {
  LOOKUP: 1, FORGET: 2, GETATTR: 3, SETATTR: 4, READLINK: 5, SYMLINK: 6, MKNOD: 8, MKDIR: 9, UNLINK: 10,
  RMDIR: 11, RENAME: 12, LINK: 13, OPEN: 14, READ: 15, WRITE: 16, STATFS: 17, RELEASE: 18, FSYNC: 20,
  SETXATTR: 21, GETXATTR: 22, LISTXATTR: 23, REMOVEXATTR: 24, FLUSH: 25, INIT: 26, OPENDIR: 27, READDIR: 28,
  RELEASEDIR: 29, FSYNCDIR: 30, GETLK: 31, SETLK: 32, SETLKW: 33, ACCESS: 34, CREATE: 35, INTERRUPT: 36,
  BMAP: 37, DESTROY: 38, IOCTL: 39, POLL: 40, BATCH_FORGET: 42, FALLOCATE: 43, READDIRPLUS: 44, RENAME2: 45,
  LSEEK: 46, COPY_FILE_RANGE: 47, SYNCFS: 50, TMPFILE: 51,
} as const;

export const FATTR = { MODE: 1 << 0, UID: 1 << 1, GID: 1 << 2, SIZE: 1 << 3, ATIME: 1 << 4, MTIME: 1 << 5, ATIME_NOW: 1 << 7, MTIME_NOW: 1 << 8, CTIME: 1 << 10 } as const;
export const FUSE_FSYNC_FDATASYNC = 1;
export const RENAME_NOREPLACE = 1;
export const RENAME_EXCHANGE = 2;
/** INIT flags we accept: big writes only. No POSIX_LOCKS, so the kernel keeps fcntl locks itself
 *  (SQLite's locking works across processes on the mount); no WRITEBACK_CACHE, so every write()
 *  reaches us before it returns and nothing dirty hides in the kernel's page cache. */
export const INIT_FLAGS = 1 << 5; // FUSE_BIG_WRITES
export const MAX_WRITE = 128 * 1024;
/** Big enough for a MAX_WRITE write plus its headers (the kernel refuses smaller reads). */
export const READ_BUFFER_SIZE = MAX_WRITE + 64 * 1024;

export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;

export const errno = {
  EPERM: 1, ENOENT: 2, EIO: 5, EBADF: 9, EEXIST: 17, EXDEV: 18, ENOTDIR: 20, EISDIR: 21, EINVAL: 22,
  ENOSPC: 28, ENOSYS: 38, ENOTEMPTY: 39, ENODATA: 61, EOPNOTSUPP: 95,
} as const;

export interface InHeader {
  len: number;
  opcode: number;
  unique: bigint;
  nodeid: number;
  uid: number;
  gid: number;
  pid: number;
}

export const IN_HEADER_SIZE = 40;
export const OUT_HEADER_SIZE = 16;

export function readInHeader(buf: Buffer): InHeader {
  return {
    len: buf.readUInt32LE(0), opcode: buf.readUInt32LE(4), unique: buf.readBigUInt64LE(8),
    nodeid: Number(buf.readBigUInt64LE(16)), uid: buf.readUInt32LE(24), gid: buf.readUInt32LE(28), pid: buf.readUInt32LE(32),
  };
}

/** A reply: the out header then the payload, written to /dev/fuse in one write as the kernel requires. */
export function reply(unique: bigint, error: number, payload?: Buffer): Buffer {
  const out = Buffer.alloc(OUT_HEADER_SIZE + (payload?.length ?? 0));
  out.writeUInt32LE(out.length, 0);
  out.writeInt32LE(error === 0 ? 0 : -error, 4);
  out.writeBigUInt64LE(unique, 8);
  payload?.copy(out, OUT_HEADER_SIZE);
  return out;
}

/** NUL-terminated names in a request body, in order. */
export function readNames(body: Buffer, count: number): string[] {
  const names: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const end = body.indexOf(0, at);
    names.push(body.toString('utf8', at, end < 0 ? body.length : end));
    at = end + 1;
  }
  return names;
}

export interface Attr {
  ino: number;
  size: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
}

const ATTR_SIZE = 88;

function writeTime(buf: Buffer, secAt: number, nsecAt: number, ms: number): void {
  const sec = Math.floor(ms / 1000);
  buf.writeBigUInt64LE(BigInt(sec), secAt);
  buf.writeUInt32LE(Math.round((ms - sec * 1000) * 1e6) % 1e9, nsecAt);
}

function writeAttr(buf: Buffer, at: number, attr: Attr): void {
  buf.writeBigUInt64LE(BigInt(attr.ino), at);
  buf.writeBigUInt64LE(BigInt(attr.size), at + 8);
  buf.writeBigUInt64LE(BigInt(Math.ceil(attr.size / 512)), at + 16);
  const times = buf.subarray(at, at + ATTR_SIZE);
  writeTime(times, 24, 48, attr.atimeMs);
  writeTime(times, 32, 52, attr.mtimeMs);
  writeTime(times, 40, 56, attr.ctimeMs);
  buf.writeUInt32LE(attr.mode, at + 60);
  buf.writeUInt32LE(attr.nlink, at + 64);
  buf.writeUInt32LE(attr.uid, at + 68);
  buf.writeUInt32LE(attr.gid, at + 72);
  buf.writeUInt32LE(0, at + 76); // rdev
  buf.writeUInt32LE(4096, at + 80); // blksize
  buf.writeUInt32LE(0, at + 84); // flags
}

/** fuse_entry_out. Timeouts are zero: the kernel asks again every time, so it never serves a
 *  name or size from before a power cut. */
export function entryOut(attr: Attr): Buffer {
  const buf = Buffer.alloc(40 + ATTR_SIZE);
  buf.writeBigUInt64LE(BigInt(attr.ino), 0);
  writeAttr(buf, 40, attr);
  return buf;
}

export function attrOut(attr: Attr): Buffer {
  const buf = Buffer.alloc(16 + ATTR_SIZE);
  writeAttr(buf, 16, attr);
  return buf;
}

export function openOut(fh: number, openFlags = 0): Buffer {
  const buf = Buffer.alloc(16);
  buf.writeBigUInt64LE(BigInt(fh), 0);
  buf.writeUInt32LE(openFlags, 8);
  return buf;
}

export function writeOut(size: number): Buffer {
  const buf = Buffer.alloc(8);
  buf.writeUInt32LE(size, 0);
  return buf;
}

export function statfsOut(): Buffer {
  const buf = Buffer.alloc(80);
  const blocks = 1n << 24n; // 64 GiB of 4 KiB blocks: plenty, and never "disk full"
  buf.writeBigUInt64LE(blocks, 0);
  buf.writeBigUInt64LE(blocks, 8);
  buf.writeBigUInt64LE(blocks, 16);
  buf.writeBigUInt64LE(1n << 20n, 24);
  buf.writeBigUInt64LE(1n << 20n, 32);
  buf.writeUInt32LE(4096, 40); // bsize
  buf.writeUInt32LE(255, 44); // namelen
  buf.writeUInt32LE(4096, 48); // frsize
  return buf;
}

export function initOut(maxReadahead: number): Buffer {
  const buf = Buffer.alloc(64);
  buf.writeUInt32LE(FUSE_KERNEL_VERSION, 0);
  buf.writeUInt32LE(FUSE_KERNEL_MINOR_VERSION, 4);
  buf.writeUInt32LE(maxReadahead, 8);
  buf.writeUInt32LE(INIT_FLAGS, 12);
  buf.writeUInt16LE(16, 16); // max_background
  buf.writeUInt16LE(12, 18); // congestion_threshold
  buf.writeUInt32LE(MAX_WRITE, 20);
  buf.writeUInt32LE(1, 24); // time_gran: nanoseconds
  return buf;
}

/** One fuse_dirent, padded to 8 bytes. `next` is the offset the kernel passes back to continue. */
export function dirent(ino: number, next: number, name: string, mode: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const size = 24 + nameBytes.length;
  const buf = Buffer.alloc((size + 7) & ~7);
  buf.writeBigUInt64LE(BigInt(ino), 0);
  buf.writeBigUInt64LE(BigInt(next), 8);
  buf.writeUInt32LE(nameBytes.length, 16);
  buf.writeUInt32LE((mode & S_IFMT) >> 12, 20);
  nameBytes.copy(buf, 24);
  return buf;
}
