// The built renderer's <meta> policy and the admin server's header are the one RENDERER_CSP.
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../shared/content-security-policy.ts';
import { rendererCsp } from '../../vite.config.ts';
import { CSP as ADMIN_CSP } from '../../electron/hub/admin/static-files.ts';

describe('renderer CSP', () => {
  it('the build injects RENDERER_CSP as a meta tag, only when building', () => {
    const plugin = rendererCsp();
    expect(plugin.apply).toBe('build');
    const transform = plugin.transformIndexHtml as () => { tag: string; attrs: Record<string, string> }[];
    expect(transform()).toEqual([expect.objectContaining({ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP } })]);
  });

  it('the admin server sends the same policy, plus frame-ancestors', () => {
    expect(ADMIN_CSP).toBe(`${RENDERER_CSP}; frame-ancestors 'none'`);
  });
});
