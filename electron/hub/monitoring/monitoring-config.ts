// config.json's `monitoring` (the Monitoring page, contract §8), checked before it is trusted like
// the partners' pages: a field with a safe default (interval, store name) is filled in and said
// in the log, anything else unusable is refused naming the field. A file without the key simply
// has monitoring off.
import os from 'node:os';
import { z } from 'zod';
import { SIGNING_SECRET, headerNameProblem, headerValueProblem, hookUrlProblem } from '../../../shared/settings.ts';
import { HEARTBEAT_INTERVAL, STORE_NAME_MAX, intervalSecondsSchema, storeNameSchema, type StoredMonitoring } from '../../../shared/monitoring.ts';

/** The computer's name, as a store name: one line, at most 60 characters. */
export function computerName(hostname = os.hostname()): string {
  const name = hostname.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, STORE_NAME_MAX).trim();
  return name === '' ? 'Store PC' : name;
}

export function defaultMonitoring(storeName = computerName()): StoredMonitoring {
  return {
    url: '', requestHeader: { name: '', value: '' }, signingSecret: null, previousSigningSecret: null, signingSecretRotatedAt: null,
    intervalSeconds: HEARTBEAT_INTERVAL.default, storeName,
  };
}

type Refuse = (field: string, problem: string) => never;

const shape = z.object({
  url: z.string(),
  requestHeader: z.object({ name: z.string(), value: z.string() }),
  signingSecret: z.string().nullable(),
  previousSigningSecret: z.string().nullable(),
  signingSecretRotatedAt: z.string().nullable(),
  intervalSeconds: intervalSecondsSchema,
  storeName: storeNameSchema.refine((name) => name !== '', 'must not be empty'),
});

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The checked page, or a refusal (via `refuse`, which throws). `encrypted` tells a secret the
 * SecretCodec wrote (checked once decoded) from one in plain text.
 */
export function checkMonitoring(raw: unknown, refuse: Refuse, repairs: string[], encrypted: (value: string) => boolean): StoredMonitoring {
  if (raw === undefined) return defaultMonitoring();
  if (!isObject(raw)) return refuse('monitoring', 'must be an object ({ … }) holding the Monitoring page');
  const page: Record<string, unknown> = { ...raw };
  const fill = (key: keyof StoredMonitoring, value: unknown, words: string) => {
    if (page[key] !== undefined) return;
    page[key] = value;
    if (words) repairs.push(`monitoring.${key} was missing; ${words}`);
  };
  fill('url', '', 'monitoring turned off (no heartbeat URL)');
  fill('intervalSeconds', HEARTBEAT_INTERVAL.default, `heartbeat interval set to ${HEARTBEAT_INTERVAL.default} seconds`);
  const name = computerName();
  fill('storeName', name, `store name set to the computer's name "${name}"`);
  for (const key of ['signingSecret', 'previousSigningSecret', 'signingSecretRotatedAt'] as const) fill(key, null, '');
  const parsed = shape.safeParse(page);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = ['monitoring', ...issue.path.map(String)].join('.');
    return refuse(field, issue.path[0] === 'requestHeader' && page.requestHeader === undefined
      ? 'is missing; put back "requestHeader": {"name": "", "value": ""} for no header, or head office\'s header name and key'
      : `has the wrong form (${issue.message})`);
  }
  const checked = parsed.data;
  const problem = (field: string, words: string | null) => {
    if (words) refuse(`monitoring.${field}`, `is not usable: ${words}`);
  };
  problem('url', hookUrlProblem(checked.url));
  problem('requestHeader.name', headerNameProblem(checked.requestHeader.name));
  if (!encrypted(checked.requestHeader.value)) problem('requestHeader.value', headerValueProblem(checked.requestHeader.value));
  for (const key of ['signingSecret', 'previousSigningSecret'] as const) {
    const secret = checked[key];
    if (secret && !encrypted(secret) && !SIGNING_SECRET.test(secret)) refuse(`monitoring.${key}`, 'is not a signing secret (whsec_ followed by base64), nor null');
  }
  return checked;
}
