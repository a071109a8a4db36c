// Shared setup for the fleet-health tests: a Monitoring page pointing at a test receiver (head
// office), reading what head office received, and the outbox's head-office table.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { heartbeatSchema, partnerAlertSchema, type Heartbeat, type MonitoringInput, type PartnerAlert } from '../../shared/monitoring.ts';
import type { TestHub } from '../support/hub-fixture.ts';
import type { RecordedRequest } from '../support/test-receiver.ts';

export const HEAD_OFFICE_KEY = 'head-office-key-0123456789abcdef';
export const HEAD_OFFICE_SECRET = `whsec_${randomBytes(32).toString('base64')}`;

export function monitoringFor(baseUrl: string, overrides: Partial<MonitoringInput> = {}): MonitoringInput {
  return {
    url: `${baseUrl}/hubs`,
    requestHeader: { name: 'X-Head-Office-Key', value: HEAD_OFFICE_KEY },
    signingSecret: HEAD_OFFICE_SECRET,
    intervalSeconds: 60,
    storeName: 'Store 042 Main St',
    ...overrides,
  };
}

const typeOf = (request: RecordedRequest) => (request.json as { type?: string } | undefined)?.type ?? '';
export const isHeartbeat = (request: RecordedRequest) => typeOf(request) === 'hub.heartbeat';
export const isAlert = (request: RecordedRequest) => typeOf(request).startsWith('hub.partner_');

/** The heartbeat as head office reads it: signature verified with `standardwebhooks`, then the schema. */
export function verifiedHeartbeat(request: RecordedRequest, secret = HEAD_OFFICE_SECRET): Heartbeat {
  return heartbeatSchema.parse(new Webhook(secret).verify(request.body, request.headers));
}

export function verifiedAlert(request: RecordedRequest, secret = HEAD_OFFICE_SECRET): PartnerAlert {
  return partnerAlertSchema.parse(new Webhook(secret).verify(request.body, request.headers));
}

/** Unsigned reads, for tests on a manual clock (whose time standardwebhooks would call too old). */
export const heartbeatOf = (request: RecordedRequest): Heartbeat => heartbeatSchema.parse(request.json);
export const alertOf = (request: RecordedRequest): PartnerAlert => partnerAlertSchema.parse(request.json);

export function waitingHeartbeats(hub: TestHub): number {
  return hub.internals.db.prepare(`SELECT COUNT(*) FROM monitoring_messages WHERE kind = 'heartbeat' AND state IN ('pending', 'retrying')`).pluck().get() as number;
}

export function headOfficeRows(hub: TestHub): { kind: string; type: string; state: string }[] {
  return hub.internals.db.prepare('SELECT kind, type, state FROM monitoring_messages ORDER BY id').all() as { kind: string; type: string; state: string }[];
}
