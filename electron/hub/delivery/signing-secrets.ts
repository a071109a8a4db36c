// Which secrets sign an attempt: the current one, plus the previous one for 24 h after a rotation
// so a partner can switch over without rejecting anything (Standard Webhooks allows several).
import type { StoredSettings } from '../../../shared/settings.ts';

export const ROTATION_GRACE_MS = 24 * 3_600_000;

export function activeSigningSecrets(settings: StoredSettings, now: number): string[] {
  if (!settings.signingSecret) return [];
  const rotatedAt = settings.signingSecretRotatedAt ? Date.parse(settings.signingSecretRotatedAt) : NaN;
  const inGrace = settings.previousSigningSecret && now - rotatedAt < ROTATION_GRACE_MS;
  return inGrace ? [settings.signingSecret, settings.previousSigningSecret!] : [settings.signingSecret];
}
