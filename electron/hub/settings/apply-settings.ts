// Turning a validated settings document into the stored settings, and working out what the
// change means for the queue: hooks turned off cancel, hooks whose target changed retry now.
import { DEFAULT_MAX_AGE_HOURS, HOOKS, type Hook, type SettingsInput, type SettingsView, type StoredSettings } from '../../../shared/settings.ts';
import { MASK, maskSecret } from '../../../shared/mask.ts';
import { EVENT_SOURCES, type EventSource } from '../../../shared/event.ts';

export function mergeSettings(current: StoredSettings, input: SettingsInput, now: number): StoredSettings {
  const value = input.requestHeader.value;
  // The masked placeholder the page shows back (••••••••wxyz) means "keep the stored value".
  const keepValue = value === undefined || value === maskSecret(current.requestHeader.value) || value.startsWith(MASK);
  const secret = input.signingSecret;
  const keepSecret = secret === undefined || secret === maskSecret(current.signingSecret);
  const rotated = !keepSecret && secret !== null && current.signingSecret !== null && secret !== current.signingSecret;
  return {
    requestHeader: { name: input.requestHeader.name, value: keepValue ? current.requestHeader.value : value },
    hooks: { open: { ...input.hooks.open }, update: { ...input.hooks.update }, close: { ...input.hooks.close } },
    thirdPartyOrders: input.thirdPartyOrders,
    signingSecret: keepSecret ? current.signingSecret : secret ?? null,
    previousSigningSecret: rotated ? current.signingSecret : keepSecret ? current.previousSigningSecret : null,
    signingSecretRotatedAt: rotated ? new Date(now).toISOString() : keepSecret ? current.signingSecretRotatedAt : null,
    retry: { maxAgeHours: input.retry?.maxAgeHours ?? DEFAULT_MAX_AGE_HOURS },
  };
}

export function viewOf(settings: StoredSettings): SettingsView {
  return {
    requestHeader: { name: settings.requestHeader.name, value: maskSecret(settings.requestHeader.value), hasValue: settings.requestHeader.value !== '' },
    hooks: settings.hooks,
    thirdPartyOrders: settings.thirdPartyOrders,
    signingSecret: settings.signingSecret === null ? null : maskSecret(settings.signingSecret),
    signingSecretRotatedAt: settings.signingSecretRotatedAt,
    retry: settings.retry,
  };
}

/** Which POS sources a hook still takes (the Open hook serves OLO and, with 3rd party on, POS). */
export function acceptsSource(settings: StoredSettings, hook: Hook, source: EventSource): boolean {
  const { url, enabled } = settings.hooks[hook];
  if (url === '') return false;
  if (hook === 'open' && source === 'POS') return settings.thirdPartyOrders;
  return enabled;
}

export interface SettingsEffects {
  /** Hooks whose waiting deliveries some source no longer routes: cancel those. */
  narrowed: Hook[];
  /** Hooks whose URL or API key changed: what they did before says nothing; retry their waiting deliveries now. */
  retarget: Hook[];
}

/**
 * What a save means for the queue. A new signing secret is not a new target: during an outage it
 * must not reset the back-off (a rotation would otherwise send a burst at a partner that is down).
 */
export function effectsOf(before: StoredSettings, after: StoredSettings): SettingsEffects {
  const narrowed = HOOKS.filter((hook) => EVENT_SOURCES.some((s) => acceptsSource(before, hook, s) && !acceptsSource(after, hook, s)));
  const keyChanged = before.requestHeader.name !== after.requestHeader.name || before.requestHeader.value !== after.requestHeader.value;
  const retarget = HOOKS.filter((hook) => keyChanged || before.hooks[hook].url !== after.hooks[hook].url);
  return { narrowed, retarget };
}
