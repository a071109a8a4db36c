// Runs `npm run lint:electron` (Electronegativity over electron/) as part of the test run: any
// finding not in scripts/electronegativity-allowlist.json, with its reason, fails the build.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');

interface Finding { id: string; file: string; line: number; description: string }
interface Verdict { checks: number; findings: Finding[]; unexpected: Finding[]; parseErrors: Array<{ file: string; message: string }> }

async function lint(...args: string[]): Promise<{ verdict: Verdict; code: number }> {
  try {
    const { stdout } = await run(process.execPath, ['scripts/lint-electron.mjs', '--json', ...args], { cwd: root, timeout: 60_000 });
    return { verdict: JSON.parse(stdout) as Verdict, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; code?: number };
    if (!failed.stdout) throw error;
    return { verdict: JSON.parse(failed.stdout) as Verdict, code: failed.code ?? 1 };
  }
}

describe('electronegativity', () => {
  it('finds nothing in electron/ beyond the documented, not-applicable checks', async () => {
    const { verdict, code } = await lint();
    expect(verdict.checks).toBeGreaterThan(30);
    expect(verdict.parseErrors).toEqual([]);
    expect(verdict.unexpected.map((f) => `${f.id} ${f.file}:${f.line} ${f.description}`)).toEqual([]);
    expect(code).toBe(0);
  }, 60_000);

  it('gives a reason for every allowed check', () => {
    const allowlist = JSON.parse(readFileSync(path.join(root, 'scripts', 'electronegativity-allowlist.json'), 'utf8')) as Record<string, { reason?: string }>;
    for (const [id, entry] of Object.entries(allowlist)) expect(entry.reason?.length ?? 0, id).toBeGreaterThan(40);
  });

  it('does catch an insecure window (the linter really parses our TypeScript)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
    try {
      writeFileSync(path.join(dir, 'bad-window.ts'), [
        "import { BrowserWindow } from 'electron';",
        'const options = { width: 800 } satisfies Record<string, number>;',
        'const window = new BrowserWindow({ ...options, webPreferences: { contextIsolation: false, sandbox: false } });',
        "void window.loadURL('http://example.com/');",
      ].join('\n'));
      const { verdict, code } = await lint('--input', dir);
      expect(verdict.parseErrors).toEqual([]);
      expect(verdict.unexpected.map((f) => f.id)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
      expect(code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
