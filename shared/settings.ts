// The settings document (contract §2 and §6): what the manager sets on the Webhooks page.
// The same validator runs in the renderer (inline errors) and in the hub (before save).
import { z } from 'zod';
import { MASK } from './mask.ts';

export const HOOKS = ['open', 'update', 'close'] as const;
export type Hook = (typeof HOOKS)[number];
export const hookSchema = z.enum(HOOKS);

export const HOOK_LABELS: Record<Hook, string> = {
  open: 'Open Order Web Hooks',
  update: 'Update Order Web Hooks',
  close: 'Close Order Web Hooks',
};

export const DEFAULT_MAX_AGE_HOURS = 72;

/** RFC 9110 `token`: the characters allowed in an HTTP header name. */
const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Headers the hub sets itself; a partner key may not replace them. */
const RESERVED_HEADERS = new Set([
  'content-type', 'content-length', 'host', 'user-agent', 'connection', 'transfer-encoding',
  'webhook-id', 'webhook-timestamp', 'webhook-signature', 'expect', 'keep-alive', 'upgrade', 'te', 'trailer',
]);
export const SIGNING_SECRET = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;

export function headerNameProblem(name: string): string | null {
  if (name === '') return null;
  if (!HEADER_TOKEN.test(name)) return 'Header name may only contain letters, digits and !#$%&\'*+-.^_`|~ (no spaces or colons)';
  if (RESERVED_HEADERS.has(name.toLowerCase())) return `"${name}" is set by the hub itself; use the name the partner gave you`;
  return null;
}

export function headerValueProblem(value: string): string | null {
  if (/[\r\n\0]/.test(value)) return 'Value must be on one line (no line breaks or NUL characters)';
  if (value.length > 4096) return 'Value is too long (4096 characters at most)';
  if (value.startsWith(MASK)) return null; // the masked placeholder the page shows: "keep the stored value"
  // The HTTP client would send anything else altered (or refuse it at send time): letters with
  // accents, curly quotes and other non-ASCII characters can't travel in a header as typed.
  const bad = /[^\x20-\x7e\t]/.exec(value);
  if (bad) return `Value may only contain plain ASCII letters, digits and symbols; "${bad[0]}" can't be sent in a header (retype it, or paste it from the partner's original)`;
  if (value !== value.trim()) return 'Value must not start or end with a space';
  return null;
}

function needUrl(hook: Hook, enabled: boolean): string {
  return enabled ? 'Enter the partner URL before turning this hook on' : `3rd Order Web Hooks is Active sends POS orders to the ${HOOK_LABELS[hook]} URL: enter it first`;
}

export function hookUrlProblem(url: string): string | null {
  if (url === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Enter a full web address starting with https:// or http://';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'Only http:// and https:// addresses can receive webhooks';
  if (!parsed.hostname) return 'The address needs a host name';
  if (parsed.username || parsed.password) return 'Do not put a user name or password in the address; use the Request Header instead';
  if (url.length > 2048) return 'The address is too long (2048 characters at most)';
  return null;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True when a secret header would cross the network unencrypted. */
export function sendsKeyInClear(url: string, hasKey: boolean): boolean {
  if (!hasKey || hookUrlProblem(url) !== null || url === '') return false;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && !LOCAL_HOSTS.has(parsed.hostname) && !parsed.hostname.endsWith('.localhost');
}

export const hookSettingsSchema = z.object({
  url: z.string().trim().max(4096),
  enabled: z.boolean(),
});
export type HookSettings = z.infer<typeof hookSettingsSchema>;

export const retrySettingsSchema = z.object({
  maxAgeHours: z.number().int().min(1).max(24 * 30),
});

export const hooksSchema = z.object({ open: hookSettingsSchema, update: hookSettingsSchema, close: hookSettingsSchema });

/** The fields of a partner's Webhooks page, before the rules that join them (settingsRules). */
export const settingsFieldsSchema = z.object({
  requestHeader: z.object({ name: z.string().trim().max(256), value: z.string().optional() }),
  hooks: hooksSchema,
  thirdPartyOrders: z.boolean(),
  signingSecret: z.string().trim().nullable().optional(),
  retry: retrySettingsSchema.optional(),
});
type SettingsFields = z.infer<typeof settingsFieldsSchema>;

/** Every rule of the page at once, so the manager sees all problems after one Save. */
export function settingsRules(s: SettingsFields, ctx: z.RefinementCtx): void {
  const add = (path: (string | number)[], message: string | null) => {
    if (message) ctx.addIssue({ code: 'custom', path, message });
  };
  add(['requestHeader', 'name'], headerNameProblem(s.requestHeader.name));
  if (s.requestHeader.value !== undefined) add(['requestHeader', 'value'], headerValueProblem(s.requestHeader.value));
  for (const hook of HOOKS) {
    const { url, enabled } = s.hooks[hook];
    const problem = hookUrlProblem(url);
    const needed = enabled || (hook === 'open' && s.thirdPartyOrders); // 3rd party orders go to the Open URL
    add(['hooks', hook, 'url'], problem ?? (needed && url === '' ? needUrl(hook, enabled) : null));
  }
  if (s.signingSecret && !SIGNING_SECRET.test(s.signingSecret)) {
    add(['signingSecret'], 'A signing secret looks like whsec_ followed by at least 32 base64 characters');
  }
}

/** `PUT /api/settings`: `requestHeader.value` and `signingSecret` left out keep the stored ones. */
export const settingsInputSchema = settingsFieldsSchema.superRefine(settingsRules);
export type SettingsInput = z.infer<typeof settingsInputSchema>;

/** `GET /api/settings`: secrets masked. */
export const settingsViewSchema = z.object({
  requestHeader: z.object({ name: z.string(), value: z.string(), hasValue: z.boolean() }),
  hooks: hooksSchema,
  thirdPartyOrders: z.boolean(),
  signingSecret: z.string().nullable(),
  signingSecretRotatedAt: z.string().nullable(),
  retry: retrySettingsSchema,
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** The settings as the hub keeps them, secrets in full. Never leaves the main process. */
export interface StoredSettings {
  requestHeader: { name: string; value: string };
  hooks: Record<Hook, HookSettings>;
  thirdPartyOrders: boolean;
  signingSecret: string | null;
  /** The secret before the last rotation, still used for 24 h so partners can switch over. */
  previousSigningSecret: string | null;
  signingSecretRotatedAt: string | null;
  retry: { maxAgeHours: number };
}

export const DEFAULT_SETTINGS: StoredSettings = {
  requestHeader: { name: '', value: '' },
  hooks: { open: { url: '', enabled: false }, update: { url: '', enabled: false }, close: { url: '', enabled: false } },
  thirdPartyOrders: false,
  signingSecret: null,
  previousSigningSecret: null,
  signingSecretRotatedAt: null,
  retry: { maxAgeHours: DEFAULT_MAX_AGE_HOURS },
};
