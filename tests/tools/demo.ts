// `npm run demo`: the whole product on one screen. Starts the hub on a demo data folder of its
// own (never the real settings), two mock partners (each on its own port, checking its own API key
// and signature) and a POS simulator; both partners' pages point their three hooks at them, and the
// same orders flow to both. Ctrl-C stops everything.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createHub } from '../../electron/hub/create-hub.ts';
import { generateSigningSecret } from '../../electron/hub/delivery/signature.ts';
import type { PartnerInput } from '../../shared/partners.ts';
import { startMockPartner } from './mock-partner.ts';
import { runPosSimulator } from './pos-simulator.ts';

/** The demo's two partners: each gives the store its own header name and key. */
const DEMO_PARTNERS = [
  { name: 'Loyalty Co', label: 'loyalty', key: { name: 'X-API-Key', value: 'demo-loyalty-key-7f3a9c2e' } },
  { name: 'Kitchen Display', label: 'kitchen', key: { name: 'X-Kitchen-Token', value: 'demo-kitchen-key-41d0b8aa' } },
] as const;

async function main() {
  const { values } = parseArgs({ options: { checks: { type: 'string', default: '12' }, rate: { type: 'string', default: '6' }, exit: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } } });
  const dataDir = values['data-dir'] ?? path.join(os.tmpdir(), 'order-webhook-hub-demo');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hub = await createHub({
    dataDir, ingestHost: '127.0.0.1', ingestPort: 0, adminPort: 0, logLevel: 'warn', logDestination: process.stderr,
    rendererDir: path.resolve(here, '..', '..', 'dist', 'renderer'),
  });
  const mocks: { demo: (typeof DEMO_PARTNERS)[number]; mock: Awaited<ReturnType<typeof startMockPartner>> }[] = [];
  const existing = await hub.service.listPartners();
  for (const [i, demo] of DEMO_PARTNERS.entries()) {
    const secret = generateSigningSecret();
    const mock = await startMockPartner({ port: 0, latencyMs: 15, verifySecret: secret, expectHeader: demo.key, log: (line) => console.log(`${demo.label.padEnd(8)} ${line}`) });
    const page: PartnerInput = {
      name: demo.name, requestHeader: demo.key, signingSecret: secret, thirdPartyOrders: true,
      hooks: {
        open: { url: `${mock.url}/orders/open`, enabled: true },
        update: { url: `${mock.url}/orders/update`, enabled: true },
        close: { url: `${mock.url}/orders/close`, enabled: true },
      },
    };
    // A demo folder from an earlier run keeps its partners: update them rather than add more.
    const id = i === 0 ? existing[0]!.id : existing.find((p) => p.name === demo.name)?.id;
    if (id) await hub.service.savePartner(id, page);
    else await hub.service.addPartner(page);
    mocks.push({ demo, mock });
  }
  console.log(`Order Webhook Hub ${hub.version} demo — data in ${dataDir}`);
  console.log(`POS ingest: ${hub.ingestUrl}`);
  console.log(`Admin:      ${hub.adminUrl}   (open it to see Integration Hub, each partner's Webhooks page and the live delivery log)`);
  for (const { demo, mock } of mocks) console.log(`Partner:    ${demo.name} at ${mock.url} expects ${demo.key.name} and verifies every signature with its own secret`);
  console.log('');

  const stop = async () => {
    await hub.close();
    await Promise.all(mocks.map(({ mock }) => mock.close()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const summary = await runPosSimulator({
    url: new URL(hub.ingestUrl).origin, token: hub.posToken, checks: Number(values.checks), rate: Number(values.rate),
    oloShare: 0.4, batch: 1, log: (line) => console.log(`pos      ${line}`),
  });
  const stats = await waitForDrain(hub);
  const received = mocks.map(({ demo, mock }) => `${demo.name} received ${mock.receiver.requests.length}`).join(', ');
  console.log(`\nPOS sent ${summary.sent} events, ${summary.accepted} acknowledged; ${received} webhooks; ` +
    `delivered ${stats.counts.delivered}, waiting ${stats.queueDepth}.`);
  if (values.exit) return stop();
  console.log('The hub keeps running: open the admin URL above. Press Ctrl-C to stop.');
}

async function waitForDrain(hub: Awaited<ReturnType<typeof createHub>>) {
  for (let i = 0; i < 100; i++) {
    const stats = await hub.service.getStats();
    if (stats.queueDepth === 0) return stats;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return hub.service.getStats();
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
