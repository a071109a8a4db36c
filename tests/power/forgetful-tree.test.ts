// The forgetful filesystem's model (forgetful-tree.ts) without FUSE, on any machine: a power cut
// is a new tree built from the same backing folder, which is what the next mount does. The same
// rules as forgetful-fs.test.ts checks through the real mount, at the level of the model.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ForgetfulTree, ROOT_INO } from './forgetful-fs/forgetful-tree.ts';

function disk() {
  const base = mkdtempSync(path.join(os.tmpdir(), 'owh-tree-'));
  const backing = path.join(base, 'disk');
  const store = path.join(base, 'inodes');
  mkdirSync(backing);
  let tree = new ForgetfulTree(backing, store);
  return {
    backing,
    get tree() { return tree; },
    /** Everything unsynced is gone; the tree starts again from what the disk holds. */
    cut() { tree = new ForgetfulTree(backing, store); },
    text(name: string) { return tree.read(tree.lookup(ROOT_INO, name), 0, 1 << 20).toString(); },
    names() { return tree.readdir(ROOT_INO).map((e) => e.name).filter((n) => n !== '.' && n !== '..').sort(); },
  };
}

describe('forgetful tree', () => {
  it('data is durable only once its file is fsynced; the name only once its folder is', () => {
    const d = disk();
    const ino = d.tree.create(ROOT_INO, 'f', 0o644, 0, 0);
    d.tree.write(ino, 0, Buffer.from('one'));
    d.tree.fsync(ino, false);
    expect(readdirSync(d.backing)).toEqual([]); // fsynced data, no durable name yet
    d.tree.fsyncDir(ROOT_INO);
    expect(readFileSync(path.join(d.backing, 'f'), 'utf8')).toBe('one');
    d.tree.write(ino, 0, Buffer.from('two!'));
    expect(d.text('f')).toBe('two!');
    d.cut();
    expect(d.text('f')).toBe('one');
  });

  it('a rename is undone by a cut until the folder is fsynced, and the old file keeps its content', () => {
    const d = disk();
    const old = d.tree.create(ROOT_INO, 'config.json', 0o600, 0, 0);
    d.tree.write(old, 0, Buffer.from('{"v":1}'));
    d.tree.fsync(old, false);
    d.tree.fsyncDir(ROOT_INO);
    const temp = d.tree.create(ROOT_INO, 'config.json.tmp', 0o600, 0, 0);
    d.tree.write(temp, 0, Buffer.from('{"v":2}'));
    d.tree.fsync(temp, true);
    d.tree.rename(ROOT_INO, 'config.json.tmp', ROOT_INO, 'config.json', false);
    expect(d.text('config.json')).toBe('{"v":2}');
    d.cut();
    expect(d.names()).toEqual(['config.json']);
    expect(d.text('config.json')).toBe('{"v":1}');
  });

  it('a truncation and an unlink are durable only once synced', () => {
    const d = disk();
    const ino = d.tree.create(ROOT_INO, 'f', 0o644, 0, 0);
    d.tree.write(ino, 0, Buffer.alloc(10_000, 'x'));
    d.tree.fsync(ino, false);
    d.tree.fsyncDir(ROOT_INO);
    d.tree.setattr(ino, { size: 10 });
    d.tree.setattr(ino, { size: 20 });
    expect(d.text('f')).toBe(`${'x'.repeat(10)}${'\0'.repeat(10)}`);
    d.tree.unlink(ROOT_INO, 'f');
    d.cut();
    expect(d.text('f')).toBe('x'.repeat(10_000));
  });

  it('a file that is neither named nor referenced any more leaves nothing in the store', () => {
    const d = disk();
    const ino = d.tree.create(ROOT_INO, 'journal', 0o644, 0, 0);
    d.tree.write(ino, 0, Buffer.from('j'));
    d.tree.fsync(ino, false);
    d.tree.unlink(ROOT_INO, 'journal');
    d.tree.forget(ino, 1);
    d.tree.fsyncDir(ROOT_INO);
    expect(readdirSync(path.join(d.backing, '..', 'inodes'))).toEqual([]);
  });
});
