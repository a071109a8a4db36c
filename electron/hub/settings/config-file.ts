// config.json as it is on disk, checked before the hub trusts it: a file damaged by a power cut or
// edited by hand is either repaired where a safe default exists (a missing hook is an empty URL set
// to NO, an empty token is regenerated — each said in the log) or refused with a message naming the
// file, the field and what to do. Refusing never writes: the file holds the partners' API keys.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_MAX_AGE_HOURS, HOOKS, SIGNING_SECRET, headerNameProblem, headerValueProblem, hookUrlProblem } from '../../../shared/settings.ts';
import { FIRST_PARTNER_NAME, MAX_PARTNERS, partnerIdSchema, partnerNameSchema, type StoredPartner } from '../../../shared/partners.ts';
import type { StoredMonitoring } from '../../../shared/monitoring.ts';
import { checkMonitoring } from '../monitoring/monitoring-config.ts';
import { jsonErrorOffset, lineAndColumn } from './json-error-offset.ts';

/** conf's projectVersion: the config.json format this build writes (its migrations lead up to it). */
export const CONFIG_VERSION = '0.2.0';
export const ENCRYPTED_PREFIX = 'safe:';

/** config.json from 0.2.0 on. Secrets as the SecretCodec wrote them. */
export interface ConfigFile {
  hubId: string;
  posToken: string;
  adminToken: string;
  partners: StoredPartner[];
  nextPartnerNumber: number;
  /** The Monitoring page (contract §8); absent in a file written before it existed: off. */
  monitoring: StoredMonitoring;
  secretCodec?: string;
  [key: string]: unknown;
}

export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

export function generateHubId(): string {
  return `hub_${randomBytes(8).toString('hex')}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The parsed file, or null when there is none yet. Throws ConfigFileError for a file that is not JSON. */
export function readConfigFile(file: string): Record<string, unknown> | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigFileError(`Cannot read the settings file ${file}: ${(error as Error).message}`);
  }
  if (text.trim() === '') throw refusal(file, '(the whole file)', 'is empty — it was probably cut short by a power cut');
  let parsed: unknown;
  try {
    parsed = parseConfigText(text);
  } catch (error) {
    throw refusal(file, '(the whole file)', `is not valid JSON (${jsonProblem(withoutBom(text), error as Error)}) — it was probably cut short by a power cut or edited by hand`);
  }
  if (!isObject(parsed)) throw refusal(file, '(the whole file)', 'must be a JSON object ({ … })');
  return parsed;
}

/** A file saved by Windows Notepad starts with a UTF-8 byte-order mark; JSON.parse refuses it. */
const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** config.json's text as conf and this check both read it. */
export const parseConfigText = (text: string): unknown => JSON.parse(withoutBom(text));

/**
 * JSON.parse's complaint without the piece of the file it quotes (that piece can be an API key
 * whose quotes were lost in a hand edit), with the line and column where the text goes wrong.
 */
function jsonProblem(text: string, error: Error): string {
  const problem = /is not valid JSON$/.test(error.message) ? 'unexpected text' : error.message.replace(/ in JSON at position \d+.*$/s, '');
  const offset = jsonErrorOffset(text);
  if (offset === null) return problem;
  const { line, column } = lineAndColumn(text, offset);
  return `${problem} at line ${line}, column ${column}`;
}

function refusal(file: string, field: string, problem: string): ConfigFileError {
  return new ConfigFileError(`The settings file config.json (${file}) is damaged: ${field} ${problem}. ` +
    'The hub did not start and left the file untouched (it holds the partners\' API keys): fix that field, or restore config.json from a backup. ' +
    'Moving it aside starts the hub with empty settings and new tokens.');
}

/** The version conf recorded in the file, or null before 0.2.0 (which kept none). */
export function formatVersionOf(raw: Record<string, unknown>): string | null {
  const internal = raw.__internal__;
  const version = isObject(internal) && isObject(internal.migrations) ? internal.migrations.version : undefined;
  return typeof version === 'string' ? version : null;
}

export const isSinglePageFile = (raw: Record<string, unknown>) => !('partners' in raw) && 'settings' in raw;

/**
 * 0.1.0 kept one partner's page under `settings`; from 0.2.0 on it is the first of `partners`.
 * conf's migration and the check before it both use this, so what is checked is what is kept.
 */
export function upgradeFromSingle(raw: Record<string, unknown>, file: string): Record<string, unknown> {
  if (!isSinglePageFile(raw)) return raw;
  const { settings, ...rest } = raw;
  if (!isObject(settings)) throw refusal(file, '"settings"', 'must be an object ({ … }) holding the Webhooks page');
  return { ...rest, partners: [{ id: 'p1', name: FIRST_PARTNER_NAME, ...settings }], nextPartnerNumber: 2 };
}

const OFF_HOOK = { url: '', enabled: false };

// Field shapes; rules between fields (a YES hook needs a URL) are the Save validator's business.
const hookShape = z.object({ url: z.string(), enabled: z.boolean() });
const pageShape = z.object({
  requestHeader: z.object({ name: z.string(), value: z.string() }),
  hooks: z.record(z.string(), z.unknown()),
  thirdPartyOrders: z.boolean(),
  signingSecret: z.string().nullable(),
  previousSigningSecret: z.string().nullable(),
  signingSecretRotatedAt: z.string().nullable(),
  retry: z.object({ maxAgeHours: z.number().int().min(1).max(24 * 30) }),
});

export interface CheckedConfig {
  config: ConfigFile;
  /** What was filled in or regenerated, in words for the log. */
  repairs: string[];
}

/**
 * Checks a config object (already in the 0.2.0 shape, see upgradeFromSingle): returns it with safe
 * defaults filled in and the list of repairs, or throws ConfigFileError naming the field.
 */
export function checkConfig(raw: Record<string, unknown>, file: string, options: { fromSingle?: boolean } = {}): CheckedConfig {
  const repairs: string[] = [];
  const refuse = (field: string, problem: string): never => { throw refusal(file, `"${field}"`, problem); };
  const config: Record<string, unknown> = { ...raw };

  for (const key of ['posToken', 'adminToken'] as const) {
    const value = raw[key];
    if (typeof value !== 'string' || value.trim() === '') {
      if (value !== undefined) repairs.push(`${key} was ${value === '' ? 'empty' : 'not a text'}; generated a new one`);
      config[key] = generateToken();
    }
  }
  if (typeof raw.hubId !== 'string' || raw.hubId === '') config.hubId = generateHubId();

  const partners = raw.partners === undefined ? [] : raw.partners;
  if (!Array.isArray(partners)) refuse('partners', 'must be a list ([ … ]) of partners');
  if ((partners as unknown[]).length > MAX_PARTNERS) refuse('partners', `holds ${(partners as unknown[]).length} partners; at most ${MAX_PARTNERS} are allowed`);
  // A 0.1.0 file names its one page `settings`: messages use the names the manager sees in the file.
  const at = (i: number) => (options.fromSingle ? 'settings' : `partners.${i}`);
  const checked = (partners as unknown[]).map((partner, i) => checkPartner(partner, at(i), refuse, repairs));
  const ids = new Set<string>();
  for (const [i, partner] of checked.entries()) {
    if (ids.has(partner.id)) refuse(`partners.${i}.id`, `repeats the id "${partner.id}" of an earlier partner; give it an unused one (p2, p3, …)`);
    ids.add(partner.id);
  }
  if (checked.length === 0) {
    checked.push(emptyPartner('p1', FIRST_PARTNER_NAME));
    if (raw.partners !== undefined) repairs.push('partners was empty; added an empty partner page with every hook set to NO');
  }
  config.partners = checked;
  const highest = Math.max(...checked.map((p) => Number(p.id.slice(1))));
  const next = raw.nextPartnerNumber;
  config.nextPartnerNumber = typeof next === 'number' && Number.isInteger(next) && next > highest ? next : highest + 1;
  config.monitoring = checkMonitoring(raw.monitoring, refuse, repairs, (value) => value.startsWith(ENCRYPTED_PREFIX));
  return { config: config as ConfigFile, repairs };
}

export function emptyPartner(id: string, name: string): StoredPartner {
  return {
    id, name, requestHeader: { name: '', value: '' }, hooks: { open: { ...OFF_HOOK }, update: { ...OFF_HOOK }, close: { ...OFF_HOOK } },
    thirdPartyOrders: false, signingSecret: null, previousSigningSecret: null, signingSecretRotatedAt: null, retry: { maxAgeHours: DEFAULT_MAX_AGE_HOURS },
  };
}

type Refuse = (field: string, problem: string) => never;

function checkPartner(raw: unknown, at: string, refuse: Refuse, repairs: string[]): StoredPartner {
  if (!isObject(raw)) return refuse(at, 'must be an object ({ … }) holding one partner\'s page');
  const id = partnerIdSchema.safeParse(raw.id);
  if (!id.success) refuse(`${at}.id`, 'must be a partner id such as "p1"');
  const name = partnerNameSchema.safeParse(raw.name);
  let partnerName = name.success ? name.data : '';
  if (!name.success) {
    if (raw.name !== undefined && typeof raw.name !== 'string') refuse(`${at}.name`, 'must be a text (the partner\'s name)');
    partnerName = `Partner ${String(raw.id).slice(1)}`;
    repairs.push(`${at}.name was missing or unusable; named the partner "${partnerName}"`);
  }
  const page = { ...raw };
  const fill = (key: string, value: unknown, words: string) => {
    if (page[key] !== undefined) return;
    page[key] = value;
    repairs.push(`${at}.${key} was missing; ${words}`);
  };
  fill('hooks', {}, 'every hook set to an empty URL and NO');
  fill('thirdPartyOrders', false, '3rd Order Web Hooks is Active set to NO');
  fill('retry', { maxAgeHours: DEFAULT_MAX_AGE_HOURS }, `retry limit set to ${DEFAULT_MAX_AGE_HOURS} hours`);
  for (const key of ['signingSecret', 'previousSigningSecret', 'signingSecretRotatedAt']) {
    if (page[key] === undefined) page[key] = null;
  }
  const shape = pageShape.safeParse(page);
  if (!shape.success) {
    const issue = shape.error.issues[0]!;
    const field = [at, ...issue.path.map(String)].join('.');
    refuse(field, issue.path[0] === 'requestHeader' && page.requestHeader === undefined
      ? 'is missing; put back "requestHeader": {"name": "", "value": ""} for no header, or the partner\'s header name and key'
      : `has the wrong form (${issue.message})`);
  }
  const hooks = shape.data!.hooks;
  const checkedHooks = Object.fromEntries(HOOKS.map((hook) => {
    if (hooks[hook] === undefined) {
      repairs.push(`${at}.hooks.${hook} was missing; set to an empty URL and NO`);
      return [hook, { ...OFF_HOOK }];
    }
    const parsed = hookShape.safeParse(hooks[hook]);
    if (!parsed.success) refuse(`${at}.hooks.${hook}`, 'must be {"url": "…", "enabled": true or false}');
    const problem = hookUrlProblem(parsed.data!.url);
    if (problem) refuse(`${at}.hooks.${hook}.url`, `is not usable: ${problem}`);
    return [hook, parsed.data!];
  })) as StoredPartner['hooks'];
  const { requestHeader, signingSecret, previousSigningSecret } = shape.data!;
  const nameProblem = headerNameProblem(requestHeader.name);
  if (nameProblem) refuse(`${at}.requestHeader.name`, `is not usable: ${nameProblem}`);
  if (!requestHeader.value.startsWith(ENCRYPTED_PREFIX)) {
    const valueProblem = headerValueProblem(requestHeader.value);
    if (valueProblem) refuse(`${at}.requestHeader.value`, `is not usable: ${valueProblem}`);
  }
  for (const [key, secret] of [['signingSecret', signingSecret], ['previousSigningSecret', previousSigningSecret]] as const) {
    if (secret && !secret.startsWith(ENCRYPTED_PREFIX) && !SIGNING_SECRET.test(secret)) refuse(`${at}.${key}`, 'is not a signing secret (whsec_ followed by base64), nor null');
  }
  return { ...(page as object), ...shape.data!, hooks: checkedHooks, id: id.data!, name: partnerName } as StoredPartner;
}
