// The settings rules the renderer and the hub both enforce (contract §2).
import { describe, expect, it } from 'vitest';
import { settingsInputSchema, type SettingsInput } from '../../shared/settings.ts';

const base: SettingsInput = {
  requestHeader: { name: 'X-API-Key', value: 'v' },
  hooks: { open: { url: '', enabled: false }, update: { url: '', enabled: false }, close: { url: '', enabled: false } },
  thirdPartyOrders: false,
};

function problems(input: SettingsInput): Record<string, string> {
  const parsed = settingsInputSchema.safeParse(input);
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('settings validation', () => {
  it('accepts everything off with empty URLs', () => {
    expect(problems(base)).toEqual({});
  });

  it('refuses YES with an empty URL, on that hook', () => {
    expect(problems({ ...base, hooks: { ...base.hooks, close: { url: '', enabled: true } } })).toEqual({ 'hooks.close.url': expect.stringMatching(/Enter the partner URL/) });
  });

  it('refuses 3rd Order Web Hooks YES without an Open URL, since POS orders go there', () => {
    expect(problems({ ...base, thirdPartyOrders: true })).toEqual({ 'hooks.open.url': expect.stringMatching(/3rd Order Web Hooks is Active.*Open Order Web Hooks URL/) });
    expect(problems({ ...base, thirdPartyOrders: true, hooks: { ...base.hooks, open: { url: 'https://p.example/o', enabled: false } } })).toEqual({});
  });

  it('refuses bad URLs, header names and values with line breaks', () => {
    const bad = problems({
      ...base,
      requestHeader: { name: 'X API Key', value: 'a\r\nInjected: 1' },
      hooks: { ...base.hooks, open: { url: 'ftp://p.example', enabled: true }, update: { url: 'not a url', enabled: false } },
    });
    expect(Object.keys(bad).sort()).toEqual(['hooks.open.url', 'hooks.update.url', 'requestHeader.name', 'requestHeader.value']);
  });

  it('refuses header names the hub sets itself, and credentials in URLs', () => {
    expect(problems({ ...base, requestHeader: { name: 'webhook-signature', value: 'x' } })).toHaveProperty(['requestHeader.name']);
    expect(problems({ ...base, hooks: { ...base.hooks, open: { url: 'https://u:p@p.example/o', enabled: true } } })).toHaveProperty(['hooks.open.url']);
  });

  it('refuses a header value the HTTP client would alter: outside visible ASCII, or with spaces around it (9.10)', () => {
    for (const value of ['clé-secrète-1234', 'key\u201cquoted\u201d', 'key\u00a0with-nbsp', ' key-with-space', 'emoji-🔑-key']) {
      expect(problems({ ...base, requestHeader: { name: 'X-API-Key', value } }), value).toHaveProperty(['requestHeader.value']);
    }
    expect(problems({ ...base, requestHeader: { name: 'X-API-Key', value: 'Bearer abc.DEF-123_~+/=' } })).toEqual({});
    expect(problems({ ...base, requestHeader: { name: 'X-API-Key', value: '••••••••wxyz' } })).toEqual({}); // the masked placeholder: keep
  });
});
