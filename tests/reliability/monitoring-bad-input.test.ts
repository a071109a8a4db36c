// The Monitoring page refuses bad input like a partner's page (contract §8), against the real hub
// process over HTTP: every bad field listed with its path, a clear message, and nothing saved —
// not the page, not config.json, and no heartbeat sent.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../shared/client.ts';
import { monitoringInputSchema, type MonitoringInput } from '../../shared/monitoring.ts';
import { settingsInputSchema } from '../../shared/settings.ts';
import { startHubProcess, type HubProcess } from '../support/hub-process.ts';
import { startTestReceiver, type Receiver } from '../support/test-receiver.ts';
import { adminCall } from '../support/reliability-kit.ts';

let hub: HubProcess;
let headOffice: Receiver;
beforeAll(async () => {
  [hub, headOffice] = await Promise.all([startHubProcess(), startTestReceiver()]);
});
afterAll(async () => {
  await headOffice.close();
  await hub.stop();
});

const good = (): MonitoringInput => ({
  url: `${headOffice.url}/hubs`, requestHeader: { name: 'X-Head-Office-Key', value: 'head-office-key-0123456789' }, intervalSeconds: 60, storeName: 'Store 042',
});
const sha = () => createHash('sha256').update(readFileSync(path.join(hub.dataDir, 'config.json'))).digest('hex');
const detailsOf = (json: unknown) => Object.fromEntries((json as { error: { details: { path: string; message: string }[] } }).error.details.map((d) => [d.path, d.message]));

describe('PUT /api/monitoring with bad input', () => {
  it('lists every bad field at once and saves nothing: page, config.json and head office untouched', async () => {
    const before = await adminCall(hub, 'GET', '/api/monitoring');
    const file = sha();
    const answer = await adminCall(hub, 'PUT', '/api/monitoring', {
      url: 'ftp://head-office.example/hubs',
      requestHeader: { name: 'X API Key', value: 'line one\r\nline two' },
      signingSecret: 'whsec_short',
      intervalSeconds: 3601,
      storeName: 'S'.repeat(61),
    });
    expect(answer.status).toBe(400);
    expect((answer.json as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid_monitoring', message: 'Some settings need fixing; nothing was saved' });
    expect(detailsOf(answer.json)).toEqual({
      url: 'Only http:// and https:// addresses can receive webhooks',
      'requestHeader.name': expect.stringMatching(/^Header name may only contain/),
      'requestHeader.value': 'Value must be on one line (no line breaks or NUL characters)',
      signingSecret: 'A signing secret looks like whsec_ followed by at least 32 base64 characters',
      intervalSeconds: 'Send a heartbeat every 10 to 3600 seconds (a whole number)',
      storeName: 'A store name is at most 60 characters',
    });
    expect((await adminCall(hub, 'GET', '/api/monitoring')).json).toEqual(before.json);
    expect(sha()).toBe(file);
    expect(headOffice.requests).toHaveLength(0);
  });

  it.each([
    ['an interval under 10 s', { intervalSeconds: 9 }, 'intervalSeconds', /10 to 3600 seconds/],
    ['an interval over an hour', { intervalSeconds: 3601 }, 'intervalSeconds', /10 to 3600 seconds/],
    ['a fractional interval', { intervalSeconds: 12.5 }, 'intervalSeconds', /whole number/],
    ['an interval as text', { intervalSeconds: '300' }, 'intervalSeconds', /10 to 3600 seconds/],
    ['a store name over 60 characters', { storeName: 'Ü'.repeat(61) }, 'storeName', /at most 60 characters/],
    ['a store name on two lines', { storeName: 'Store\n042' }, 'storeName', /on one line/],
    ['a URL with a password', { url: 'https://user:secret@head-office.example/' }, 'url', /user name or password/],
    ['a header the hub sets itself', { requestHeader: { name: 'Content-Type', value: 'x' } }, 'requestHeader.name', /set by the hub itself/],
    ['a key with curly quotes', { requestHeader: { name: 'X-Key', value: '“secret”' } }, 'requestHeader.value', /plain ASCII/],
  ])('refuses %s', async (_case, patch, field, message) => {
    const file = sha();
    const answer = await adminCall(hub, 'PUT', '/api/monitoring', { ...good(), ...patch });
    expect(answer.status).toBe(400);
    expect(detailsOf(answer.json)[field]).toMatch(message);
    expect(sha()).toBe(file);
    expect(headOffice.requests).toHaveLength(0);
  });

  it('takes 10 and 3600 seconds and a 60-character name; the save sends its heartbeat', async () => {
    for (const intervalSeconds of [10, 3600]) {
      const answer = await adminCall(hub, 'PUT', '/api/monitoring', { ...good(), intervalSeconds, storeName: 'S'.repeat(60) });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.json).toMatchObject({ intervalSeconds, storeName: 'S'.repeat(60), requestHeader: { name: 'X-Head-Office-Key', hasValue: true } });
      expect(answer.text).not.toContain('head-office-key-0123456789');
    }
    await headOffice.waitFor(2);
  });
});

describe('the same rules everywhere', () => {
  it('refuses each bad URL and header exactly as a partner\'s page does', () => {
    const partner = (url: string, name: string, value: string) =>
      settingsInputSchema.safeParse({ requestHeader: { name, value }, hooks: { open: { url, enabled: true }, update: { url: '', enabled: false }, close: { url: '', enabled: false } }, thirdPartyOrders: false });
    const cases: [string, string, string][] = [['not a url', 'X-Key', 'v'], ['ftp://x.example/', 'Host', 'v'], ['https://ok.example/', 'X-Key', 'tab\u0000nul'], ['https://ok.example/', 'X-Key', ' padded ']];
    for (const [url, name, value] of cases) {
      const theirs = Object.fromEntries(partner(url, name, value).error!.issues.map((i) => [i.path.join('.').replace('hooks.open.url', 'url'), i.message]));
      const ours = Object.fromEntries(monitoringInputSchema.safeParse({ url, requestHeader: { name, value } }).error!.issues.map((i) => [i.path.join('.'), i.message]));
      expect(ours).toEqual(theirs);
    }
  });

  it('the IPC channel validates with the same schema before the hub sees the call', () => {
    expect(OPERATIONS.saveMonitoring.args.safeParse([{ url: '', requestHeader: { name: '' }, intervalSeconds: 5 }]).success).toBe(false);
    expect(OPERATIONS.saveMonitoring.args.safeParse([{ url: '', requestHeader: { name: '' } }]).success).toBe(true);
  });
});
