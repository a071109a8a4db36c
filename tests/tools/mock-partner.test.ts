// The mock partner is how a person sees that the hub signs and authenticates correctly, so its
// ✓ and ✗ must be right — and it must never print a secret in full.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { describe, it, expect } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { startMockPartner } from './mock-partner.ts';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const apiKey = 'secret123-partner-key';
const body = JSON.stringify({
  type: 'order.closed', timestamp: new Date().toISOString(),
  data: { eventId: 'pos-c-1-000003', storeId: 'store-042', source: 'POS', check: { checkId: 'c-1', checkNumber: '1042' } },
});

function signedHeaders(id: string, signWith = secret): Record<string, string> {
  const now = new Date();
  return {
    'content-type': 'application/json', 'user-agent': 'OrderWebhookHub/0.1.0',
    'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(signWith).sign(id, now, body),
  };
}

async function withPartner(run: (url: string, lines: string[]) => Promise<void>, rejectInvalid = false): Promise<void> {
  const lines: string[] = [];
  const partner = await startMockPartner({
    port: 0, verifySecret: secret, expectHeader: { name: 'X-API-Key', value: apiKey }, rejectInvalid, log: (l) => lines.push(l),
  });
  try {
    await run(partner.url, lines);
  } finally {
    await partner.close();
  }
  expect(lines.join('\n')).not.toContain(apiKey);
  expect(lines.join('\n')).not.toContain(secret.slice(6));
}

describe('mock partner', () => {
  it('accepts and prints a correctly signed webhook with the right key', async () => {
    await withPartner(async (url, lines) => {
      expect(lines[0]).toBe(`Mock partner listening on ${url}`);
      const res = await fetch(`${url}/orders/close`, { method: 'POST', body, headers: { ...signedHeaders('msg_1'), 'X-API-Key': apiKey } });
      expect(res.status).toBe(200);
      const line = lines.at(-1) ?? '';
      for (const part of ['POST /orders/close', 'order.closed', '#1042', 'msg_1', '✓ api-key', '✓ signature', '→ 200']) expect(line).toContain(part);
    });
  });

  it('verifies either signature while a secret is being rotated', async () => {
    await withPartner(async (url, lines) => {
      const old = signedHeaders('msg_2', `whsec_${randomBytes(24).toString('base64')}`);
      const current = signedHeaders('msg_2');
      const headers = { ...current, 'webhook-signature': `${current['webhook-signature']} ${old['webhook-signature']}`, 'X-API-Key': apiKey };
      await fetch(url, { method: 'POST', body, headers });
      expect(lines.at(-1)).toContain('✓ signature');
    });
  });

  it('flags a wrong signature, a missing key and a wrong key, masked', async () => {
    await withPartner(async (url, lines) => {
      const other = `whsec_${randomBytes(24).toString('base64')}`;
      await fetch(url, { method: 'POST', body, headers: { ...signedHeaders('msg_3', other), 'X-API-Key': apiKey } });
      expect(lines.at(-1)).toContain('✗ signature (No matching signature found)');
      await fetch(url, { method: 'POST', body, headers: signedHeaders('msg_4') });
      expect(lines.at(-1)).toContain('✗ api-key missing (X-API-Key)');
      await fetch(url, { method: 'POST', body, headers: { ...signedHeaders('msg_5'), 'X-API-Key': 'wrong-key-0000000009876' } });
      expect(lines.at(-1)).toMatch(/✗ api-key wrong \(got •+9876\)/);
      await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'X-API-Key': apiKey } });
      expect(lines.at(-1)).toContain('✗ signature (Missing required headers)');
    });
  });

  it('answers 401 to invalid webhooks when told to reject them', async () => {
    await withPartner(async (url) => {
      const res = await fetch(url, { method: 'POST', body, headers: signedHeaders('msg_6') });
      expect(res.status).toBe(401);
    }, true);
  });

  it('answers 503 with Retry-After at the failure rate', async () => {
    const partner = await startMockPartner({ port: 0, failureRate: 1, log: () => {} });
    try {
      const res = await fetch(partner.url, { method: 'POST', body });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
    } finally {
      await partner.close();
    }
  });

  it('runs as a CLI: prints the bound URL and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/tools/mock-partner.ts', '--port', '0', '--expect-header', `X-API-Key=${apiKey}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    let output = '';
    child.stdout.setEncoding('utf8');
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: string) => {
          output += chunk;
          const match = /Mock partner listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
      const res = await fetch(`${url}/hook`, { method: 'POST', body, headers: { 'X-API-Key': apiKey } });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output).toContain('✓ api-key');
    expect(output).not.toContain(apiKey);
  });
});
