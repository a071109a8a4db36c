// The admin API's route table (contract §6–§8): each route names the one service operation it calls,
// where each argument comes from, and what it answers. The router and the OpenAPI document
// (openapi-document.ts) are both built from this table, so they can't drift.
import { z } from 'zod';
import { connectionInfoSchema, endpointHealthSchema, queuedSchema, revealedSchema, statsSchema, testResultSchema } from '../../../shared/api.ts';
import { deliveryDetailSchema, deliveryPageSchema } from '../../../shared/delivery.ts';
import { backfillResultSchema, partnerViewSchema, removedPartnerSchema, savedPartnerSchema, savedSettingsSchema } from '../../../shared/partners.ts';
import { settingsViewSchema } from '../../../shared/settings.ts';
import { monitoringViewSchema } from '../../../shared/monitoring.ts';
import { matchRoute, operationRoute as route, streamRoute, type AdminRoute } from './route-table.ts';

export type { AdminRoute, OperationRoute, RouteInput } from './route-table.ts';

const FIRST = 'First partner (the single-partner API)';
const PARTNERS = 'Partners';
const LOG = 'Delivery log';
const POS = 'POS connection';
const MONITORING = 'Monitoring (head office)';

const NO_PARTNER = 'not_found: there is no partner with this id';
const NO_DELIVERY = 'not_found: there is no delivery with this id';
const NO_URL = 'no_url: this hook has no URL saved yet';

export const ADMIN_ROUTES: readonly AdminRoute[] = [
  route({ method: 'GET', path: '/api/settings', operation: 'getSettings', args: [], tag: FIRST, answer: settingsViewSchema,
    summary: 'The first partner\'s Webhooks page', description: 'Secrets are masked (`hasValue: true` says one is stored).', errors: {} }),
  route({ method: 'PUT', path: '/api/settings', operation: 'saveSettings', args: ['body'], tag: FIRST, answer: savedSettingsSchema,
    summary: 'Save the first partner\'s Webhooks page',
    description: '`requestHeader.value` or `signingSecret` left out keep the stored secret; `signingSecret: null` turns signing off; `retry` left out = 72 h. Answers the saved page and what the save did to the queue.',
    errors: { 400: 'invalid_settings: every bad field in `details`; nothing was saved' } }),
  route({ method: 'POST', path: '/api/hooks/{hook}/test', operation: 'sendTest', args: ['hook'], tag: FIRST, answer: testResultSchema,
    summary: 'Send test: a sample order to the first partner\'s hook now', errors: { 400: NO_URL, 404: 'not_found: hooks are open, update and close' } }),
  route({ method: 'POST', path: '/api/signing-secret/reveal', operation: 'revealSigningSecret', args: [], tag: FIRST, answer: revealedSchema,
    summary: 'The first partner\'s signing secret in full (empty when signing is off)', errors: {} }),
  route({ method: 'POST', path: '/api/signing-secret/rotate', operation: 'rotateSigningSecret', args: [], tag: FIRST, answer: revealedSchema,
    summary: 'A new signing secret for the first partner (the old one signs too for 24 h)', errors: {} }),

  route({ method: 'GET', path: '/api/partners', operation: 'listPartners', args: [], tag: PARTNERS, answer: z.array(partnerViewSchema),
    summary: 'The store\'s partners, each with its Webhooks page (secrets masked)', errors: {} }),
  route({ method: 'POST', path: '/api/partners', operation: 'addPartner', args: ['body'], tag: PARTNERS, answer: savedPartnerSchema, status: 201,
    summary: 'Add a partner', description: 'The settings document plus `name`; the hub assigns the `id`.',
    errors: { 400: 'invalid_partner: every bad field in `details` (a name another partner has, too); nothing was saved', 409: 'partner_limit: a store has at most 20 partners' } }),
  route({ method: 'POST', path: '/api/backfill/preview', operation: 'previewBackfill', args: ['body'], tag: PARTNERS, answer: backfillResultSchema,
    summary: 'How many kept orders a new partner\'s rules would take from a past range', errors: { 400: 'invalid_request: every bad field in `details`' } }),
  route({ method: 'GET', path: '/api/partners/{id}', operation: 'getPartner', args: ['id'], tag: PARTNERS, answer: partnerViewSchema,
    summary: 'One partner\'s Webhooks page (secrets masked)', errors: { 404: NO_PARTNER } }),
  route({ method: 'PUT', path: '/api/partners/{id}', operation: 'savePartner', args: ['id', 'body'], tag: PARTNERS, answer: savedPartnerSchema,
    summary: 'Save one partner\'s Webhooks page', description: 'Secrets left out keep the stored ones, as for `PUT /api/settings`.',
    errors: { 400: 'invalid_partner: every bad field in `details`; nothing was saved', 404: NO_PARTNER } }),
  route({ method: 'DELETE', path: '/api/partners/{id}', operation: 'removePartner', args: ['id'], tag: PARTNERS, answer: removedPartnerSchema,
    summary: 'Remove a partner: what waits for it is cancelled (kept in the log), nothing more is sent',
    errors: { 404: NO_PARTNER, 409: 'last_partner: the store keeps at least one partner' } }),
  route({ method: 'POST', path: '/api/partners/{id}/hooks/{hook}/test', operation: 'sendPartnerTest', args: ['id', 'hook'], tag: PARTNERS, answer: testResultSchema,
    summary: 'Send test for that partner\'s hook', errors: { 400: NO_URL, 404: NO_PARTNER } }),
  route({ method: 'POST', path: '/api/partners/{id}/hooks/{hook}/check', operation: 'checkEndpoint', args: ['id', 'hook'], tag: PARTNERS, answer: endpointHealthSchema,
    summary: 'Check now: probe a backed-off endpoint at once', errors: { 404: NO_PARTNER } }),
  route({ method: 'POST', path: '/api/partners/{id}/signing-secret/reveal', operation: 'revealPartnerSigningSecret', args: ['id'], tag: PARTNERS, answer: revealedSchema,
    summary: 'The partner\'s signing secret in full (empty when signing is off)', errors: { 404: NO_PARTNER } }),
  route({ method: 'POST', path: '/api/partners/{id}/signing-secret/rotate', operation: 'rotatePartnerSigningSecret', args: ['id'], tag: PARTNERS, answer: revealedSchema,
    summary: 'A new signing secret for the partner (the old one signs too for 24 h)', errors: { 404: NO_PARTNER } }),
  route({ method: 'POST', path: '/api/partners/{id}/backfill', operation: 'backfillPartner', args: ['id', 'body'], tag: PARTNERS, answer: backfillResultSchema,
    summary: 'Send this partner the accepted orders of a past range (`dryRun`: count only)',
    errors: { 400: 'invalid_request: every bad field in `details`', 404: NO_PARTNER } }),

  route({ method: 'GET', path: '/api/deliveries', operation: 'listDeliveries', args: ['query'], tag: LOG, answer: deliveryPageSchema,
    summary: 'A page of the delivery log, newest first', description: 'Pass `nextCursor` as `cursor` for the next (older) page.',
    errors: { 400: 'invalid_query: every bad parameter in `details`' } }),
  route({ method: 'POST', path: '/api/deliveries/resend', operation: 'resendBulk', args: ['body'], tag: LOG, answer: queuedSchema,
    summary: 'Re-send in bulk every failed, dead or cancelled delivery of a range', description: '`hook` left out or `"all"`: every hook; `dryRun`: count only.',
    errors: { 400: 'invalid_request: every bad field in `details`', 404: 'not_found: there is no such partner' } }),
  route({ method: 'GET', path: '/api/deliveries/{id}', operation: 'getDelivery', args: ['id'], tag: LOG, answer: deliveryDetailSchema,
    summary: 'One delivery: the payload and every attempt', errors: { 404: NO_DELIVERY } }),
  route({ method: 'POST', path: '/api/deliveries/{id}/retry', operation: 'retryDelivery', args: ['id'], tag: LOG, answer: deliveryDetailSchema,
    summary: 'Retry now a waiting or given-up delivery', description: 'Answers the delivery as `GET /api/deliveries/{id}` does.',
    errors: { 404: NO_DELIVERY, 409: 'in_flight, already_delivered, waiting_for_earlier (per-check order), hook_off or partner_removed' } }),
  route({ method: 'POST', path: '/api/deliveries/{id}/resend', operation: 'resendDelivery', args: ['id'], tag: LOG, answer: deliveryDetailSchema, status: 201,
    summary: 'Re-send: queue a fresh copy (new `webhook-id`) of a finished delivery', description: 'Answers the new copy as `GET /api/deliveries/{id}` does.', errors: { 404: NO_DELIVERY, 409: 'still_active, hook_off or partner_removed' } }),
  route({ method: 'GET', path: '/api/stats', operation: 'getStats', args: ['query'], tag: LOG, answer: statsSchema,
    summary: 'Counts by state, per-endpoint health, hourly delivered/failed for 24 h', errors: { 404: 'not_found: there is no such partner' } }),
  streamRoute({ path: '/api/stream', operationId: 'streamChanges', tag: LOG,
    summary: 'Server-sent events as deliveries change (the live log)',
    description: 'Starts with `retry: 2000`; then `event: change` with a JSON `data` line (HubChange) whenever deliveries change, and a `: keep-alive` comment every 20 s.' }),

  route({ method: 'GET', path: '/api/connection', operation: 'getConnection', args: [], tag: POS, answer: connectionInfoSchema,
    summary: 'The ingest URLs of this PC and the POS token, masked', errors: {} }),
  route({ method: 'POST', path: '/api/pos-token/reveal', operation: 'revealPosToken', args: [], tag: POS, answer: revealedSchema,
    summary: 'The POS token in full', errors: {} }),
  route({ method: 'POST', path: '/api/pos-token/regenerate', operation: 'regeneratePosToken', args: [], tag: POS, answer: revealedSchema,
    summary: 'A new POS token (the old one stops working at once)', errors: {} }),

  route({ method: 'GET', path: '/api/monitoring', operation: 'getMonitoring', args: [], tag: MONITORING, answer: monitoringViewSchema,
    summary: 'The Monitoring page (secrets masked), this hub\'s id and how sending to head office goes', errors: {} }),
  route({ method: 'PUT', path: '/api/monitoring', operation: 'saveMonitoring', args: ['body'], tag: MONITORING, answer: monitoringViewSchema,
    summary: 'Save the Monitoring page and send a heartbeat at once', description: '`intervalSeconds` left out = 300; `url: ""` turns monitoring off.',
    errors: { 400: 'invalid_monitoring: every bad field in `details`; nothing was saved' } }),
  route({ method: 'POST', path: '/api/monitoring/heartbeat', operation: 'sendHeartbeatNow', args: [], tag: MONITORING, answer: testResultSchema,
    summary: 'Send heartbeat now: head office\'s answer', errors: { 400: 'no_url: no heartbeat URL saved yet' } }),
  route({ method: 'POST', path: '/api/monitoring/signing-secret/reveal', operation: 'revealMonitoringSecret', args: [], tag: MONITORING, answer: revealedSchema,
    summary: 'The Monitoring page\'s signing secret in full', errors: {} }),
  route({ method: 'POST', path: '/api/monitoring/signing-secret/rotate', operation: 'rotateMonitoringSecret', args: [], tag: MONITORING, answer: revealedSchema,
    summary: 'A new signing secret for heartbeats and alerts (the old one signs too for 24 h)', errors: {} }),
];

export function findRoute(method: string, path: string): ReturnType<typeof matchRoute> {
  return matchRoute(ADMIN_ROUTES, method, path);
}
