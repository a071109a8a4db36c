// The built renderer's <meta> policy (renderer/.env.production) must be the desktop shell's RENDERER_CSP.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../electron/desktop/content-security-policy.ts';

describe('renderer CSP', () => {
  it('matches RENDERER_CSP and is what index.html uses', () => {
    const env = readFileSync(new URL('../../renderer/.env.production', import.meta.url), 'utf8');
    expect(/^VITE_RENDERER_CSP="(.*)"$/m.exec(env)?.[1]).toBe(RENDERER_CSP);
    expect(readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8')).toContain('content="%VITE_RENDERER_CSP%"');
  });
});
