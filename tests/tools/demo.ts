// `npm run demo`: the whole product on one screen. Starts the hub on a demo data folder of its
// own (never the real settings), a mock partner and a POS simulator, points the three hooks at the
// partner with an API key and a signing secret, and lets orders flow. Ctrl-C stops everything.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createHub } from '../../electron/hub/create-hub.ts';
import { startMockPartner } from './mock-partner.ts';
import { runPosSimulator } from './pos-simulator.ts';

const DEMO_KEY = { name: 'X-API-Key', value: 'demo-partner-key-7f3a9c2e' };

async function main() {
  const { values } = parseArgs({ options: { checks: { type: 'string', default: '12' }, rate: { type: 'string', default: '6' }, exit: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } } });
  const dataDir = values['data-dir'] ?? path.join(os.tmpdir(), 'order-webhook-hub-demo');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hub = await createHub({
    dataDir, ingestHost: '127.0.0.1', ingestPort: 0, adminPort: 0, logLevel: 'warn', logDestination: process.stderr,
    rendererDir: path.resolve(here, '..', '..', 'dist', 'renderer'),
  });
  const secret = (await hub.service.rotateSigningSecret()).value;
  const partner = await startMockPartner({ port: 0, latencyMs: 15, verifySecret: secret, expectHeader: DEMO_KEY, log: (line) => console.log(`partner  ${line}`) });
  await hub.service.saveSettings({
    requestHeader: DEMO_KEY,
    hooks: {
      open: { url: `${partner.url}/orders/open`, enabled: true },
      update: { url: `${partner.url}/orders/update`, enabled: true },
      close: { url: `${partner.url}/orders/close`, enabled: true },
    },
    thirdPartyOrders: true,
  });
  console.log(`Order Webhook Hub ${hub.version} demo — data in ${dataDir}`);
  console.log(`POS ingest: ${hub.ingestUrl}`);
  console.log(`Admin:      ${hub.adminUrl}   (open it to see the Webhooks page and the live delivery log)`);
  console.log(`Partner:    ${partner.url} expects ${DEMO_KEY.name} and verifies every signature\n`);

  const stop = async () => {
    await hub.close();
    await partner.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const summary = await runPosSimulator({
    url: new URL(hub.ingestUrl).origin, token: hub.posToken, checks: Number(values.checks), rate: Number(values.rate),
    oloShare: 0.4, batch: 1, log: (line) => console.log(`pos      ${line}`),
  });
  const stats = await waitForDrain(hub);
  console.log(`\nPOS sent ${summary.sent} events, ${summary.accepted} acknowledged; partner received ${partner.receiver.requests.length} webhooks; ` +
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
