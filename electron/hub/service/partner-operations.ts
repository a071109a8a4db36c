// The partners' pages (contract §2, §7): list, add, save, remove, Send test, signing secrets,
// backfill and Check now. `/api/settings` and friends are the same operations on the first partner.
import { HubError, type HubOperations } from '../../../shared/client.ts';
import { settingsInputSchema, type Hook } from '../../../shared/settings.ts';
import { MAX_PARTNERS, backfillPreviewSchema, backfillSchema, partnerInputSchema, type PartnerInput, type SaveEffects, type StoredPartner } from '../../../shared/partners.ts';
import { zodDetails } from '../../../shared/errors.ts';
import { EVENT_SOURCES } from '../../../shared/event.ts';
import type { z } from 'zod';
import { acceptsSource, effectsOf, mergeSettings, viewOf } from '../settings/apply-settings.ts';
import { emptyPartner } from '../settings/config-file.ts';
import { generateSigningSecret } from '../delivery/signature.ts';
import { activeSigningSecrets } from '../delivery/signing-secrets.ts';
import { sampleOrder } from '../delivery/sample-order.ts';
import { routeEvent } from '../routing.ts';
import { partnerOrThrow, type ServiceContext } from './service-context.ts';
import type { KeptEventRow } from '../outbox/delivery-store.ts';
import type { EndpointView } from './stats-view.ts';

type PartnerOperations = Pick<HubOperations,
  'getSettings' | 'saveSettings' | 'sendTest' | 'revealSigningSecret' | 'rotateSigningSecret' | 'listPartners' | 'getPartner' | 'addPartner' |
  'savePartner' | 'removePartner' | 'sendPartnerTest' | 'revealPartnerSigningSecret' | 'rotatePartnerSigningSecret' | 'backfillPartner' |
  'previewBackfill' | 'checkEndpoint'>;

const partnerView = (partner: StoredPartner) => ({ id: partner.id, name: partner.name, ...viewOf(partner) });

function parsed<T extends z.ZodType>(schema: T, input: unknown, code: string, message: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new HubError(code, message, zodDetails(result.error), 400);
  return result.data;
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

export function createPartnerOperations(context: ServiceContext, endpointView: (partner: StoredPartner, hook: Hook) => EndpointView): PartnerOperations {
  const { partners, deliveries, health, clock, dispatcher } = context;

  function checkName(name: string, except: string | null) {
    const taken = partners.list().find((p) => p.id !== except && sameName(p.name, name));
    if (taken) throw new HubError('invalid_partner', 'Some settings need fixing; nothing was saved', [{ path: 'name', message: `Another partner is already called "${taken.name}"; give this one its own name` }], 400);
  }

  /** Saves a partner's page and applies what the change means for its queue. */
  function saveStored(before: StoredPartner, next: StoredPartner): SaveEffects {
    partners.replace(next);
    const now = clock.now();
    const { narrowed, retarget } = effectsOf(before, next);
    let cancelled = 0;
    let retried = 0;
    deliveries.transaction(() => {
      for (const hook of narrowed) {
        cancelled += deliveries.cancelWaiting({ partnerId: next.id, hook }, EVENT_SOURCES.filter((source) => !acceptsSource(next, hook, source)), now);
      }
      for (const hook of retarget) {
        health.reset({ partnerId: next.id, hook });
        retried += deliveries.retryEndpointNow({ partnerId: next.id, hook }, now);
      }
    });
    // Always: besides the deliveries it cancelled or retried, a save can rename the partner or end
    // a rejection (health reset), which every open screen, the tray and the cards must hear.
    context.notify(Math.max(1, cancelled + retried));
    dispatcher.wake();
    return { cancelled, retried };
  }

  /**
   * A backfill page by page, one transaction each, letting ingest and delivery run in between: a
   * month of a busy store never holds the event loop or the memory at once.
   */
  async function backfillPages(partnerId: string, range: { since: number; until: number }, route: (event: KeptEventRow) => Hook | null, dryRun: boolean) {
    let queued = 0;
    for (let after = 0; ;) {
      const page = deliveries.backfill(partnerId, { ...range, after }, route, clock.now(), dryRun);
      queued += page.queued;
      if (page.done) return queued;
      after = page.lastSeq;
      if (!dryRun) dispatcher.wake();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async function sendTestTo(partner: StoredPartner, hook: Hook) {
    const url = partner.hooks[hook].url;
    if (url === '') throw new HubError('no_url', 'Enter and save the URL of this hook before sending a test', [{ path: `hooks.${hook}.url`, message: 'No URL saved' }], 400);
    const now = clock.now();
    const result = await context.testSender.send({
      url, body: JSON.stringify(sampleOrder(hook, now)), webhookId: `msg_test_${now}`, timestampSeconds: Math.floor(now / 1000),
      apiKey: partner.requestHeader, signingSecrets: activeSigningSecrets(partner, now),
    });
    return { ok: result.outcome === 'delivered', url, status: result.status, latencyMs: result.latencyMs, body: result.responseBody, error: result.error };
  }

  function rotate(partner: StoredPartner) {
    const secret = generateSigningSecret();
    saveStored(partner, {
      ...partner, signingSecret: secret, previousSigningSecret: partner.signingSecret,
      signingSecretRotatedAt: partner.signingSecret ? new Date(clock.now()).toISOString() : null,
    });
    return { value: secret };
  }

  function savePage(id: string, input: PartnerInput | Omit<PartnerInput, 'name'>, name?: string) {
    const before = partnerOrThrow(context, id);
    const next = { ...mergeSettings(before, input, clock.now()), id, name: name ?? before.name };
    const effects = saveStored(before, next);
    return { next, effects };
  }

  return {
    async getSettings() {
      return viewOf(partners.first());
    },
    async saveSettings(input) {
      const valid = parsed(settingsInputSchema, input, 'invalid_settings', 'Some settings need fixing; nothing was saved');
      const { next, effects } = savePage(partners.first().id, valid);
      return { ...viewOf(next), effects };
    },
    sendTest: (hook) => sendTestTo(partners.first(), hook),
    async revealSigningSecret() {
      return { value: partners.first().signingSecret ?? '' };
    },
    async rotateSigningSecret() {
      return rotate(partners.first());
    },

    async listPartners() {
      return partners.list().map(partnerView);
    },
    async getPartner(id) {
      return partnerView(partnerOrThrow(context, id));
    },
    async addPartner(input) {
      const valid = parsed(partnerInputSchema, input, 'invalid_partner', 'Some settings need fixing; nothing was saved');
      if (partners.list().length >= MAX_PARTNERS) {
        throw new HubError('partner_limit', `A store can have at most ${MAX_PARTNERS} partners; remove one first`, [{ path: '(root)', message: `${MAX_PARTNERS} partners already` }], 409);
      }
      checkName(valid.name, null);
      const now = clock.now();
      const page = mergeSettings(emptyPartner('p0', valid.name), valid, now);
      const added = partners.add({ ...page, name: valid.name }, now);
      context.notify(1);
      dispatcher.wake();
      return { ...partnerView(added), effects: { cancelled: 0, retried: 0 } };
    },
    async savePartner(id, input) {
      partnerOrThrow(context, id);
      const valid = parsed(partnerInputSchema, input, 'invalid_partner', 'Some settings need fixing; nothing was saved');
      checkName(valid.name, id);
      const { next, effects } = savePage(id, valid, valid.name);
      return { ...partnerView(next), effects };
    },
    async removePartner(id) {
      const partner = partnerOrThrow(context, id);
      if (partners.list().length === 1) {
        throw new HubError('last_partner', 'The store keeps at least one partner page; set its hooks to NO to stop sending', [], 409);
      }
      let cancelled = 0;
      partners.remove(id, clock.now(), () => { cancelled = deliveries.cancelPartner(id, clock.now()); });
      health.forget(id);
      context.notify(Math.max(1, cancelled));
      dispatcher.wake();
      return { id, name: partner.name, cancelled };
    },
    sendPartnerTest: async (id, hook) => sendTestTo(partnerOrThrow(context, id), hook),
    async revealPartnerSigningSecret(id) {
      return { value: partnerOrThrow(context, id).signingSecret ?? '' };
    },
    async rotatePartnerSigningSecret(id) {
      return rotate(partnerOrThrow(context, id));
    },

    async backfillPartner(id, input) {
      const partner = partnerOrThrow(context, id);
      const valid = parsed(backfillSchema, input, 'invalid_request', 'The backfill request is invalid');
      const now = clock.now();
      const range = { since: Date.parse(valid.since), until: valid.until ? Date.parse(valid.until) : now };
      const queued = await backfillPages(id, range, (event) => routeEvent(event, partner), valid.dryRun === true);
      if (queued > 0 && !valid.dryRun) {
        context.notify(queued);
        dispatcher.wake();
      }
      return { queued };
    },
    async previewBackfill(input) {
      const valid = parsed(backfillPreviewSchema, input, 'invalid_request', 'The backfill preview is invalid');
      const now = clock.now();
      const range = { since: Date.parse(valid.since), until: valid.until ? Date.parse(valid.until) : now };
      // A partner that does not exist yet has none of the events: count under an id no partner has.
      return { queued: await backfillPages('', range, (event) => routeEvent(event, valid), true) };
    },

    async checkEndpoint(id, hook) {
      const partner = partnerOrThrow(context, id);
      const endpoint = { partnerId: id, hook };
      health.probeNow(endpoint);
      if (deliveries.dueOneNow(endpoint, clock.now())) context.notify(1);
      dispatcher.wake();
      return endpointView(partner, hook);
    },
  };
}
