// The Monitoring page as the manager sets it: a validated input merged into what is stored
// (secrets write-only, as on a partner's page), the masked view, and what a save means for the
// head-office queue.
import { HEARTBEAT_INTERVAL, type MonitoringInput, type MonitoringStatus, type MonitoringView, type StoredMonitoring } from '../../../shared/monitoring.ts';
import { MASK, maskSecret } from '../../../shared/mask.ts';
import { computerName } from './monitoring-config.ts';

export function mergeMonitoring(current: StoredMonitoring, input: MonitoringInput, now: number): StoredMonitoring {
  const value = input.requestHeader.value;
  // The masked placeholder the page shows back (••••••••wxyz) means "keep the stored value".
  const keepValue = value === undefined || value.startsWith(MASK);
  const secret = input.signingSecret;
  const keepSecret = secret === undefined || secret === maskSecret(current.signingSecret);
  const rotated = !keepSecret && secret !== null && current.signingSecret !== null && secret !== current.signingSecret;
  return {
    url: input.url,
    requestHeader: { name: input.requestHeader.name, value: keepValue ? current.requestHeader.value : value },
    signingSecret: keepSecret ? current.signingSecret : secret ?? null,
    previousSigningSecret: rotated ? current.signingSecret : keepSecret ? current.previousSigningSecret : null,
    signingSecretRotatedAt: rotated ? new Date(now).toISOString() : keepSecret ? current.signingSecretRotatedAt : null,
    intervalSeconds: input.intervalSeconds ?? HEARTBEAT_INTERVAL.default,
    storeName: input.storeName ? input.storeName : computerName(),
  };
}

/** A new signing secret; the old one keeps signing for 24 h so head office can switch over. */
export function withNewSecret(current: StoredMonitoring, secret: string, now: number): StoredMonitoring {
  return {
    ...current, signingSecret: secret, previousSigningSecret: current.signingSecret,
    signingSecretRotatedAt: current.signingSecret ? new Date(now).toISOString() : null,
  };
}

export function monitoringViewOf(page: StoredMonitoring, hubId: string, status: MonitoringStatus): MonitoringView {
  return {
    url: page.url,
    requestHeader: { name: page.requestHeader.name, value: maskSecret(page.requestHeader.value), hasValue: page.requestHeader.value !== '' },
    signingSecret: page.signingSecret === null ? null : maskSecret(page.signingSecret),
    signingSecretRotatedAt: page.signingSecretRotatedAt,
    intervalSeconds: page.intervalSeconds,
    storeName: page.storeName,
    hubId,
    status,
  };
}

/** Where head office is and who we are to it changed: what the endpoint did before says nothing. */
export function targetChanged(before: StoredMonitoring, after: StoredMonitoring): boolean {
  return before.url !== after.url || before.requestHeader.name !== after.requestHeader.name || before.requestHeader.value !== after.requestHeader.value;
}
