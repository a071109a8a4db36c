// The hub's V8 heap limits are declared once (electron/hub/v8-flags.ts) and must be what the
// commands that run the hub really pass: npm run serve, npm start (Electron's --js-flags), the bench.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUB_V8_FLAGS } from '../../electron/hub/v8-flags.ts';
import { ROOT } from '../support/hub-process.ts';

const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('V8 flags of the hub process', () => {
  it('npm run serve starts node with exactly them', () => {
    expect(scripts.serve).toContain(`node ${HUB_V8_FLAGS.join(' ')} --import tsx electron/headless.ts`);
  });

  it('npm start hands them to Electron with --js-flags', () => {
    expect(scripts.start).toContain(`electron --js-flags="${HUB_V8_FLAGS.join(' ')}" .`);
  });

  it('the bench measures the hub with them', () => {
    expect(readFileSync(path.join(ROOT, 'tests', 'bench', 'run.ts'), 'utf8')).toContain('[...HUB_V8_FLAGS]');
  });
});
