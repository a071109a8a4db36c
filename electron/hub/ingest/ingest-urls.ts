// Where the POS on the LAN can reach the ingest API: every non-internal IPv4 address of this PC
// when listening on all interfaces, else the one address it is bound to; loopback last.
import os from 'node:os';

const WILDCARD = new Set(['0.0.0.0', '::', '']);

export function ingestUrlsFor(host: string, port: number): string[] {
  const url = (address: string) => `http://${address.includes(':') ? `[${address}]` : address}:${port}/v1/events`;
  if (!WILDCARD.has(host)) return [url(host)];
  const lan = Object.values(os.networkInterfaces()).flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => url(a!.address));
  return [...lan, url('127.0.0.1')];
}
