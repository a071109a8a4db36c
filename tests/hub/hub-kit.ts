// Shared setup for the hub core tests: hubs and receivers that are closed after every test
// (receivers first, so no attempt is left hanging), and small readers of the outbox tables.
import { rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import type { HubOptions } from '../../electron/hub/hub-types.ts';
import type { DeliveryState, WebhookPayload } from '../../shared/delivery.ts';
import type { Hook, SettingsInput } from '../../shared/settings.ts';
import { ManualClock, settingsFor, startTestHub, type TestHub } from '../support/hub-fixture.ts';
import { tempDataDir } from '../support/hub-process.ts';
import { startTestReceiver, type Receiver, type RecordedRequest, type TestReceiverOptions } from '../support/test-receiver.ts';

export interface DeliveryRowView {
  id: number;
  hook: Hook;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: number | null;
  webhook_id: string;
  event_id: string;
  check_id: string;
}

/** Registers afterEach cleanup; call once at the top of a test file. */
export function useHubs() {
  const hubs: TestHub[] = [];
  const receivers: Receiver[] = [];
  const dataDirs: string[] = [];
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
    await Promise.all(hubs.splice(0).map((h) => h.close()));
    for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** A fresh temp data folder, removed after the test. */
  function dataDir(): string {
    const dir = tempDataDir();
    dataDirs.push(dir);
    return dir;
  }
  async function hub(options: Partial<HubOptions> = {}): Promise<TestHub> {
    const started = await startTestHub({ clock: new ManualClock(), dataDir: options.dataDir ?? dataDir(), ...options });
    hubs.push(started);
    return started;
  }
  async function receiver(options: TestReceiverOptions = {}): Promise<Receiver> {
    const started = await startTestReceiver(options);
    receivers.push(started);
    return started;
  }
  /** A hub wired to a receiver: all three hooks on, pointing at receiver/open|update|close. */
  async function hubWithPartner(options: Partial<HubOptions> = {}, overrides: Partial<SettingsInput> = {}, receiverOptions: TestReceiverOptions = {}) {
    const partner = await receiver(receiverOptions);
    const started = await hub(options);
    await started.service.saveSettings(settingsFor(partner.url, overrides));
    return { hub: started, partner };
  }
  return { hub, receiver, hubWithPartner, dataDir };
}

export function countRows(hub: TestHub, table: 'events' | 'deliveries' | 'attempts'): number {
  return hub.internals.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
}

export function deliveryRows(hub: TestHub): DeliveryRowView[] {
  return hub.internals.db.prepare(
    `SELECT d.id, d.hook, d.state, d.attempts, d.next_attempt_at, d.webhook_id, e.event_id, e.check_id
     FROM deliveries d JOIN events e ON e.seq = d.event_seq ORDER BY d.id`,
  ).all() as DeliveryRowView[];
}

export function payloadOf(request: RecordedRequest): WebhookPayload & { data: { eventId: string; check: { checkId: string } } } {
  return request.json as WebhookPayload & { data: { eventId: string; check: { checkId: string } } };
}

export function eventIdOf(request: RecordedRequest): string {
  return payloadOf(request).data.eventId;
}

/** A base URL where nothing listens: a receiver started and closed again. */
export async function deadUrl(): Promise<string> {
  const receiver = await startTestReceiver();
  const url = receiver.url;
  await receiver.close();
  return url;
}
