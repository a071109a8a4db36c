// Which secrets sign an attempt: the current one, plus the previous one for 24 h after a rotation
// so a partner can switch over without rejecting anything (Standard Webhooks allows several).
import type { StoredSettings } from '../../../shared/settings.ts';

export const ROTATION_GRACE_MS = 24 * 3_600_000;

/** Any page that signs: a partner's, or the Monitoring page's. */
export type SigningSecrets = Pick<StoredSettings, 'signingSecret' | 'previousSigningSecret' | 'signingSecretRotatedAt'>;

export function activeSigningSecrets(settings: SigningSecrets, now: number): string[] {
  if (!settings.signingSecret) return [];
  const rotatedAt = settings.signingSecretRotatedAt ? Date.parse(settings.signingSecretRotatedAt) : NaN;
  const inGrace = settings.previousSigningSecret && now - rotatedAt < ROTATION_GRACE_MS;
  return inGrace ? [settings.signingSecret, settings.previousSigningSecret!] : [settings.signingSecret];
}
