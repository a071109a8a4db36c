// `npm run serve`: the hub under plain Node (no Electron), with the renderer on the loopback
// admin port. Prints where the POS sends events and the admin URL; stops cleanly on SIGINT/SIGTERM/SIGHUP.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createHub } from './hub/create-hub.ts';
import { defaultDataDir } from './hub/data-dir.ts';
import { takeOverStopSignals, type StopSignal } from './stop-signals.ts';

const HELP = `Usage: npm run serve -- [--data-dir DIR] [--ingest-host HOST] [--ingest-port 8787] [--admin-port 8788]
Environment: HUB_POS_TOKEN, HUB_ADMIN_TOKEN preset the tokens; HUB_METRICS_TOKEN opens GET /metrics only; HUB_LOG_LEVEL (info).`;

function portOf(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--${name} must be a port number (0-65535), got "${value}"`);
  return port;
}

async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' }, 'ingest-host': { type: 'string' }, 'ingest-port': { type: 'string' },
      'admin-port': { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(HELP);
  // Owned before the hub starts: a signal during start-up stops it as soon as it is up.
  const stopRequested = new Promise<StopSignal>((resolve) => {
    takeOverStopSignals(resolve, { onRepeat: (signal) => console.log(`${signal}: already stopping…`) });
  });
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hub = await createHub({
    dataDir,
    ingestHost: values['ingest-host'] ?? '0.0.0.0',
    ingestPort: portOf(values['ingest-port'], 8787, 'ingest-port'),
    adminPort: portOf(values['admin-port'], 8788, 'admin-port'),
    rendererDir: path.resolve(here, '..', 'dist', 'renderer'),
    posToken: process.env.HUB_POS_TOKEN || undefined,
    adminToken: process.env.HUB_ADMIN_TOKEN || undefined,
    metricsToken: process.env.HUB_METRICS_TOKEN || undefined,
    logLevel: process.env.HUB_LOG_LEVEL ?? 'info',
    logDestination: process.stderr,
  });
  const { ingestUrls } = await hub.service.getConnection();
  console.log(`Order Webhook Hub ${hub.version} — data in ${dataDir}`);
  console.log(`POS ingest: ${ingestUrls.join('  ')}`);
  console.log(`POS token:  ${hub.posToken}`);
  console.log(`Admin:      ${hub.adminUrl}`);

  const signal = await stopRequested;
  console.log(`${signal}: stopping (in-flight deliveries finish or return to the queue)…`);
  hub.close().then(() => process.exit(0), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  console.error(`Order Webhook Hub could not start: ${(error as Error).message}`);
  process.exit(1);
});
