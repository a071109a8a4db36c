// The forgetful filesystem's state: what running programs see (volatile) over what a disk would
// still hold after a power cut (durable), with the backing folder always equal to the durable
// state. The rules, after LazyFS (VLDB 2024) with directory entries added:
// - a file's data, size and times reach its durable copy only when that file is fsynced
//   (fdatasync: data and size; fsync: also mode and times);
// - a directory's entries (files created, renamed, unlinked in it) become durable only when that
//   directory is fsynced — the whole entry list at that moment, as a journal would commit it;
// - a power cut is the process holding this state going away: the backing folder is then exactly
//   what the machine would find on reboot, and the next mount starts from it.
// Durable file contents live in a store folder (one file per inode, hard-linked into the backing
// folder under each durable name), so a file fsynced before its name is durable keeps its data,
// and a durable name keeps pointing at the old inode until its directory is fsynced.
import fs from 'node:fs';
import path from 'node:path';
import { errno, S_IFDIR, S_IFMT, S_IFREG, type Attr } from './fuse-abi.ts';

const PAGE = 4096;
export const ROOT_INO = 1;

export class FsError extends Error {
  constructor(readonly errno: number, message = `errno ${errno}`) {
    super(message);
  }
}

interface NodeBase {
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  /** Names in the volatile tree (0 once unlinked). */
  links: number;
  /** The kernel's references (LOOKUP/CREATE minus FORGET) and open handles keep a node alive. */
  lookups: number;
  opens: number;
}

interface FileNode extends NodeBase {
  kind: 'file';
  size: number;
  /** Unsynced pages, PAGE bytes each, zero past `size`. */
  pages: Map<number, Buffer>;
  /** Bytes of durable content in the store file. */
  durableSize: number;
  /** Durable content at or after this offset was truncated away in the volatile view. */
  visibleDurable: number;
  store: string | null;
  storeFd: number | null;
}

interface DirNode extends NodeBase {
  kind: 'dir';
  parent: number;
  entries: Map<string, number>;
  durableEntries: Map<string, number>;
}

type Node = FileNode | DirNode;

export interface SetAttr {
  size?: number;
  mode?: number;
  uid?: number;
  gid?: number;
  atimeMs?: number;
  mtimeMs?: number;
  ctimeMs?: number;
}

export interface DirEntry { name: string; ino: number; mode: number }

export interface TreeCounters { fsyncs: number; fdatasyncs: number; dirFsyncs: number; writes: number; ignoredFsyncs: number }

export interface TreeOptions {
  /** A disk that lies: fsyncs of files whose name matches are answered but change nothing (for
   *  proving that a test notices lost writes). */
  lieAboutFsyncOf?: RegExp;
}

export class ForgetfulTree {
  private readonly nodes = new Map<number, Node>();
  /** The backing folder's content: relative path → inode it materialises. */
  private onDisk = new Map<string, number>();
  private nextIno = ROOT_INO + 1;
  readonly counters: TreeCounters = { fsyncs: 0, fdatasyncs: 0, dirFsyncs: 0, writes: 0, ignoredFsyncs: 0 };

  /** Starts from the backing folder as it is (after a reboot): everything in it is durable. */
  constructor(private readonly backing: string, private readonly storeDir: string, private readonly options: TreeOptions = {}) {
    fs.rmSync(storeDir, { recursive: true, force: true });
    fs.mkdirSync(storeDir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(backing);
    const root: DirNode = { ...this.baseFrom(ROOT_INO, stat), kind: 'dir', parent: ROOT_INO, entries: new Map(), durableEntries: new Map(), links: 1, lookups: 1 };
    this.nodes.set(ROOT_INO, root);
    this.scan(root, '');
  }

  private baseFrom(ino: number, stat: fs.Stats): NodeBase {
    // Times are kept in whole milliseconds (futimes goes through floating-point seconds and may
    // come back a nanosecond off). ctime cannot be set on the backing file; a rebooted disk
    // reports the last durable change, which for these files is their last durable write.
    const mtimeMs = Math.round(stat.mtimeMs);
    return { ino, mode: stat.mode, uid: stat.uid, gid: stat.gid, atimeMs: Math.round(stat.atimeMs), mtimeMs, ctimeMs: mtimeMs, links: 1, lookups: 0, opens: 0 };
  }

  private scan(dir: DirNode, rel: string): void {
    for (const entry of fs.readdirSync(path.join(this.backing, rel), { withFileTypes: true })) {
      const childRel = path.join(rel, entry.name);
      const full = path.join(this.backing, childRel);
      const stat = fs.statSync(full);
      const ino = this.nextIno++;
      if (entry.isDirectory()) {
        const child: DirNode = { ...this.baseFrom(ino, stat), kind: 'dir', parent: dir.ino, entries: new Map(), durableEntries: new Map() };
        this.nodes.set(ino, child);
        this.scan(child, childRel);
      } else if (entry.isFile()) {
        const store = path.join(this.storeDir, String(ino));
        fs.linkSync(full, store);
        this.nodes.set(ino, {
          ...this.baseFrom(ino, stat), kind: 'file', size: stat.size, pages: new Map(),
          durableSize: stat.size, visibleDurable: stat.size, store, storeFd: null,
        });
      } else {
        throw new Error(`forgetful fs: ${full} is neither a file nor a folder`);
      }
      dir.entries.set(entry.name, ino);
      dir.durableEntries.set(entry.name, ino);
      this.onDisk.set(childRel, ino);
    }
  }

  // ---- lookups and attributes -------------------------------------------------------------

  private node(ino: number): Node {
    const node = this.nodes.get(ino);
    if (!node) throw new FsError(errno.ENOENT, `no inode ${ino}`);
    return node;
  }

  private dir(ino: number): DirNode {
    const node = this.node(ino);
    if (node.kind !== 'dir') throw new FsError(errno.ENOTDIR);
    return node;
  }

  private file(ino: number): FileNode {
    const node = this.node(ino);
    if (node.kind !== 'file') throw new FsError(errno.EISDIR);
    return node;
  }

  attr(ino: number): Attr {
    const node = this.node(ino);
    const size = node.kind === 'file' ? node.size : 4096;
    const nlink = node.kind === 'file' ? node.links : 2;
    return { ino, size, mode: node.mode, nlink, uid: node.uid, gid: node.gid, atimeMs: node.atimeMs, mtimeMs: node.mtimeMs, ctimeMs: node.ctimeMs };
  }

  /** LOOKUP: the kernel now holds one more reference to the child. */
  lookup(parent: number, name: string): number {
    const ino = this.dir(parent).entries.get(name);
    if (ino === undefined) throw new FsError(errno.ENOENT);
    this.node(ino).lookups += 1;
    return ino;
  }

  forget(ino: number, count: number): void {
    const node = this.nodes.get(ino);
    if (!node || ino === ROOT_INO) return;
    node.lookups = Math.max(0, node.lookups - count);
    this.collect(node);
  }

  opened(ino: number): void {
    this.node(ino).opens += 1;
  }

  released(ino: number): void {
    const node = this.nodes.get(ino);
    if (!node) return;
    node.opens = Math.max(0, node.opens - 1);
    this.collect(node);
  }

  readdir(ino: number): DirEntry[] {
    const dir = this.dir(ino);
    const list: DirEntry[] = [{ name: '.', ino, mode: dir.mode }, { name: '..', ino: dir.parent, mode: S_IFDIR }];
    for (const [name, child] of dir.entries) list.push({ name, ino: child, mode: this.node(child).mode });
    return list;
  }

  // ---- the namespace ---------------------------------------------------------------------

  private freshBase(mode: number, uid: number, gid: number): NodeBase {
    const now = Date.now();
    return { ino: this.nextIno++, mode, uid, gid, atimeMs: now, mtimeMs: now, ctimeMs: now, links: 1, lookups: 1, opens: 0 };
  }

  private link(parent: DirNode, name: string, ino: number): void {
    if (parent.entries.has(name)) throw new FsError(errno.EEXIST);
    parent.entries.set(name, ino);
    parent.mtimeMs = parent.ctimeMs = Date.now();
  }

  create(parent: number, name: string, mode: number, uid: number, gid: number): number {
    const dir = this.dir(parent);
    if (dir.entries.has(name)) throw new FsError(errno.EEXIST);
    const node: FileNode = {
      ...this.freshBase(S_IFREG | (mode & 0o7777), uid, gid), kind: 'file', size: 0, pages: new Map(),
      durableSize: 0, visibleDurable: 0, store: null, storeFd: null,
    };
    this.nodes.set(node.ino, node);
    this.link(dir, name, node.ino);
    return node.ino;
  }

  mkdir(parent: number, name: string, mode: number, uid: number, gid: number): number {
    const dir = this.dir(parent);
    if (dir.entries.has(name)) throw new FsError(errno.EEXIST);
    const node: DirNode = { ...this.freshBase(S_IFDIR | (mode & 0o7777), uid, gid), kind: 'dir', parent, entries: new Map(), durableEntries: new Map() };
    this.nodes.set(node.ino, node);
    this.link(dir, name, node.ino);
    return node.ino;
  }

  private unlinkEntry(dir: DirNode, name: string): void {
    const ino = dir.entries.get(name)!;
    const node = this.node(ino);
    dir.entries.delete(name);
    node.links -= 1;
    node.ctimeMs = dir.mtimeMs = dir.ctimeMs = Date.now();
    this.collect(node);
  }

  unlink(parent: number, name: string): void {
    const dir = this.dir(parent);
    const ino = dir.entries.get(name);
    if (ino === undefined) throw new FsError(errno.ENOENT);
    if (this.node(ino).kind === 'dir') throw new FsError(errno.EISDIR);
    this.unlinkEntry(dir, name);
  }

  rmdir(parent: number, name: string): void {
    const dir = this.dir(parent);
    const ino = dir.entries.get(name);
    if (ino === undefined) throw new FsError(errno.ENOENT);
    if (this.dir(ino).entries.size > 0) throw new FsError(errno.ENOTEMPTY);
    this.unlinkEntry(dir, name);
  }

  rename(parent: number, name: string, newParent: number, newName: string, noReplace: boolean): void {
    const from = this.dir(parent);
    const to = this.dir(newParent);
    const ino = from.entries.get(name);
    if (ino === undefined) throw new FsError(errno.ENOENT);
    const moving = this.node(ino);
    // A folder moved to another parent would be durable under two parents until both are
    // fsynced; nothing here needs that, so refuse it as another filesystem would (mv copies).
    if (moving.kind === 'dir' && parent !== newParent) throw new FsError(errno.EXDEV);
    const target = to.entries.get(newName);
    if (target === ino) return;
    if (target !== undefined) {
      if (noReplace) throw new FsError(errno.EEXIST);
      const replaced = this.node(target);
      if (replaced.kind === 'dir' && moving.kind !== 'dir') throw new FsError(errno.EISDIR);
      if (replaced.kind !== 'dir' && moving.kind === 'dir') throw new FsError(errno.ENOTDIR);
      if (replaced.kind === 'dir' && replaced.entries.size > 0) throw new FsError(errno.ENOTEMPTY);
      this.unlinkEntry(to, newName);
    }
    from.entries.delete(name);
    to.entries.set(newName, ino);
    moving.ctimeMs = from.mtimeMs = from.ctimeMs = to.mtimeMs = to.ctimeMs = Date.now();
  }

  setattr(ino: number, change: SetAttr): void {
    const node = this.node(ino);
    const now = Date.now();
    if (change.size !== undefined) this.truncate(this.file(ino), change.size);
    if (change.mode !== undefined) node.mode = (node.mode & S_IFMT) | (change.mode & 0o7777);
    if (change.uid !== undefined) node.uid = change.uid;
    if (change.gid !== undefined) node.gid = change.gid;
    if (change.atimeMs !== undefined) node.atimeMs = change.atimeMs;
    if (change.mtimeMs !== undefined) node.mtimeMs = change.mtimeMs;
    node.ctimeMs = change.ctimeMs ?? now;
  }

  // ---- file contents ---------------------------------------------------------------------

  private fdOf(file: FileNode): number {
    if (file.storeFd === null) file.storeFd = fs.openSync(this.ensureStore(file), 'r+');
    return file.storeFd;
  }

  private ensureStore(file: FileNode): string {
    if (file.store === null) {
      file.store = path.join(this.storeDir, String(file.ino));
      fs.writeFileSync(file.store, '', { mode: file.mode & 0o7777 });
    }
    return file.store;
  }

  /** One page of the volatile content: unsynced if written since the last fsync, else durable. */
  private page(file: FileNode, index: number): Buffer {
    const dirty = file.pages.get(index);
    if (dirty) return dirty;
    const buf = Buffer.alloc(PAGE);
    const start = index * PAGE;
    const visible = Math.min(file.visibleDurable, file.durableSize);
    if (file.store !== null && start < visible) fs.readSync(this.fdOf(file), buf, 0, Math.min(PAGE, visible - start), start);
    return buf;
  }

  read(ino: number, offset: number, length: number): Buffer {
    const file = this.file(ino);
    const end = Math.min(file.size, offset + length);
    if (end <= offset) return Buffer.alloc(0);
    const out = Buffer.alloc(end - offset);
    for (let at = offset; at < end;) {
      const index = Math.floor(at / PAGE);
      const within = at - index * PAGE;
      const take = Math.min(PAGE - within, end - at);
      this.page(file, index).copy(out, at - offset, within, within + take);
      at += take;
    }
    return out;
  }

  write(ino: number, offset: number, data: Buffer): number {
    const file = this.file(ino);
    for (let at = 0; at < data.length;) {
      const position = offset + at;
      const index = Math.floor(position / PAGE);
      const within = position - index * PAGE;
      const take = Math.min(PAGE - within, data.length - at);
      const page = this.page(file, index);
      data.copy(page, within, at, at + take);
      file.pages.set(index, page);
      at += take;
    }
    file.size = Math.max(file.size, offset + data.length);
    file.mtimeMs = file.ctimeMs = Date.now();
    this.counters.writes += 1;
    return data.length;
  }

  private truncate(file: FileNode, size: number): void {
    if (size < file.size) {
      for (const index of [...file.pages.keys()]) if (index * PAGE >= size) file.pages.delete(index);
      const tail = size % PAGE;
      if (tail !== 0) {
        const index = Math.floor(size / PAGE);
        const page = this.page(file, index);
        page.fill(0, tail);
        file.pages.set(index, page);
      }
      file.visibleDurable = Math.min(file.visibleDurable, size);
    }
    file.size = size;
    file.mtimeMs = file.ctimeMs = Date.now();
  }

  /** fallocate mode 0: the file grows to cover the range (zeros), nothing is durable yet. */
  allocate(ino: number, offset: number, length: number): void {
    const file = this.file(ino);
    if (offset + length > file.size) this.truncate(file, offset + length);
  }

  // ---- durability ------------------------------------------------------------------------

  /** fsync/fdatasync: the file's content as it is now becomes its durable content. */
  fsync(ino: number, dataOnly: boolean): void {
    const node = this.node(ino);
    if (node.kind === 'dir') return this.fsyncDir(ino);
    if (this.options.lieAboutFsyncOf && this.namesOf(ino).some((name) => this.options.lieAboutFsyncOf!.test(name))) {
      this.counters.ignoredFsyncs += 1;
      return;
    }
    const fd = this.fdOf(node);
    const visible = Math.min(node.visibleDurable, node.durableSize);
    if (visible < node.durableSize) fs.ftruncateSync(fd, visible);
    fs.ftruncateSync(fd, node.size);
    for (const [index, page] of node.pages) {
      const start = index * PAGE;
      if (start < node.size) fs.writeSync(fd, page, 0, Math.min(PAGE, node.size - start), start);
    }
    const sizeChanged = node.durableSize !== node.size;
    node.pages.clear();
    node.durableSize = node.visibleDurable = node.size;
    // fdatasync persists what reading the data needs (the size), not the times or the mode.
    if (!dataOnly || sizeChanged) fs.futimesSync(fd, node.atimeMs / 1000, node.mtimeMs / 1000);
    if (!dataOnly) fs.fchmodSync(fd, node.mode & 0o7777);
    if (dataOnly) this.counters.fdatasyncs += 1;
    else this.counters.fsyncs += 1;
  }

  /** fsync of a directory: its entry list as it is now becomes durable. */
  fsyncDir(ino: number): void {
    const dir = this.dir(ino);
    dir.durableEntries = new Map(dir.entries);
    this.counters.dirFsyncs += 1;
    this.materialise();
  }

  /** Makes the backing folder equal to the durable tree reachable from the root. */
  private materialise(): void {
    const wanted = new Map<string, number>();
    const walk = (dir: DirNode, rel: string) => {
      for (const [name, ino] of dir.durableEntries) {
        const childRel = path.join(rel, name);
        wanted.set(childRel, ino);
        const child = this.nodes.get(ino);
        if (child?.kind === 'dir') walk(child, childRel);
      }
    };
    walk(this.dir(ROOT_INO), '');
    const depth = (rel: string) => rel.split(path.sep).length;
    // A path is redone when it, or a folder above it, now names another inode.
    const differs = (rel: string): boolean => {
      for (let at = rel; at !== '.' && at !== ''; at = path.dirname(at)) if (wanted.get(at) !== this.onDisk.get(at)) return true;
      return false;
    };
    const gone = [...this.onDisk.keys()].filter(differs).sort((a, b) => depth(b) - depth(a));
    for (const rel of gone) fs.rmSync(path.join(this.backing, rel), { recursive: true, force: true });
    const added = [...wanted].filter(([rel]) => differs(rel)).sort(([a], [b]) => depth(a) - depth(b));
    for (const [rel, ino] of added) {
      const node = this.node(ino);
      const full = path.join(this.backing, rel);
      if (node.kind === 'dir') fs.mkdirSync(full, { mode: node.mode & 0o7777 });
      else fs.linkSync(this.ensureStore(node), full);
    }
    this.onDisk = wanted;
    for (const node of [...this.nodes.values()]) this.collect(node);
  }

  /** Forgets a node nothing can reach any more: no name, volatile or durable, and no kernel reference. */
  private collect(node: Node): void {
    if (node.ino === ROOT_INO || node.links > 0 || node.lookups > 0 || node.opens > 0) return;
    for (const other of this.nodes.values()) {
      if (other.kind === 'dir' && [...other.durableEntries.values()].includes(node.ino)) return;
    }
    this.nodes.delete(node.ino);
    if (node.kind === 'file') {
      if (node.storeFd !== null) fs.closeSync(node.storeFd);
      if (node.store !== null) fs.rmSync(node.store, { force: true });
    } else {
      for (const child of node.durableEntries.values()) {
        const orphan = this.nodes.get(child);
        if (orphan) this.collect(orphan);
      }
    }
  }

  private namesOf(ino: number): string[] {
    const names: string[] = [];
    for (const node of this.nodes.values()) {
      if (node.kind === 'dir') for (const [name, child] of node.entries) if (child === ino) names.push(name);
    }
    return names;
  }

  /** Unsynced state, for tests and the report. */
  pending(): { dirtyFiles: number; dirtyPages: number } {
    let dirtyFiles = 0;
    let dirtyPages = 0;
    for (const node of this.nodes.values()) {
      if (node.kind === 'file' && node.pages.size > 0) {
        dirtyFiles += 1;
        dirtyPages += node.pages.size;
      }
    }
    return { dirtyFiles, dirtyPages };
  }
}
