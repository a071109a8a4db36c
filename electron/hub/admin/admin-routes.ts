// The admin API's route table (contract §6): each route names the one service operation it calls.
import type { HubOperations } from '../../../shared/client.ts';
import { hookSchema } from '../../../shared/settings.ts';
import { HttpProblem } from '../http/request-body.ts';

export interface RouteInput {
  params: string[];
  query: URLSearchParams;
  body: () => Promise<unknown>;
}

interface Route {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  pattern: RegExp;
  status?: number;
  run: (service: HubOperations, input: RouteInput) => Promise<unknown>;
}

const deliveryId = (raw: string | undefined) => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpProblem(404, 'not_found', `No delivery ${raw}`);
  return id;
};

const hookOf = (raw: string | undefined) => {
  const hook = hookSchema.safeParse(raw);
  if (!hook.success) throw new HttpProblem(404, 'not_found', 'Hooks are open, update and close');
  return hook.data;
};

const PARTNER = '(p\\d+)';
const partnerRoute = (rest: string) => new RegExp(`^/api/partners/${PARTNER}${rest}$`);

const queryObject = (query: URLSearchParams) =>
  Object.fromEntries([...query.entries()].filter(([, value]) => value !== ''));

export const ADMIN_ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/api\/settings$/, run: (s) => s.getSettings() },
  { method: 'PUT', pattern: /^\/api\/settings$/, run: async (s, i) => s.saveSettings((await i.body()) as never) },
  { method: 'POST', pattern: /^\/api\/hooks\/([a-z]+)\/test$/, run: (s, i) => s.sendTest(hookOf(i.params[0])) },
  { method: 'GET', pattern: /^\/api\/partners$/, run: (s) => s.listPartners() },
  { method: 'POST', pattern: /^\/api\/partners$/, status: 201, run: async (s, i) => s.addPartner((await i.body()) as never) },
  { method: 'POST', pattern: /^\/api\/backfill\/preview$/, run: async (s, i) => s.previewBackfill((await i.body()) as never) },
  { method: 'GET', pattern: partnerRoute(''), run: (s, i) => s.getPartner(i.params[0]!) },
  { method: 'PUT', pattern: partnerRoute(''), run: async (s, i) => s.savePartner(i.params[0]!, (await i.body()) as never) },
  { method: 'DELETE', pattern: partnerRoute(''), run: (s, i) => s.removePartner(i.params[0]!) },
  { method: 'POST', pattern: partnerRoute('/hooks/([a-z]+)/test'), run: (s, i) => s.sendPartnerTest(i.params[0]!, hookOf(i.params[1])) },
  { method: 'POST', pattern: partnerRoute('/hooks/([a-z]+)/check'), run: (s, i) => s.checkEndpoint(i.params[0]!, hookOf(i.params[1])) },
  { method: 'POST', pattern: partnerRoute('/signing-secret/reveal'), run: (s, i) => s.revealPartnerSigningSecret(i.params[0]!) },
  { method: 'POST', pattern: partnerRoute('/signing-secret/rotate'), run: (s, i) => s.rotatePartnerSigningSecret(i.params[0]!) },
  { method: 'POST', pattern: partnerRoute('/backfill'), run: async (s, i) => s.backfillPartner(i.params[0]!, (await i.body()) as never) },
  { method: 'GET', pattern: /^\/api\/deliveries$/, run: (s, i) => s.listDeliveries(queryObject(i.query)) },
  { method: 'POST', pattern: /^\/api\/deliveries\/resend$/, run: async (s, i) => s.resendBulk((await i.body()) as never) },
  { method: 'GET', pattern: /^\/api\/deliveries\/(\d+)$/, run: (s, i) => s.getDelivery(deliveryId(i.params[0])) },
  { method: 'POST', pattern: /^\/api\/deliveries\/(\d+)\/retry$/, run: (s, i) => s.retryDelivery(deliveryId(i.params[0])) },
  { method: 'POST', pattern: /^\/api\/deliveries\/(\d+)\/resend$/, status: 201, run: (s, i) => s.resendDelivery(deliveryId(i.params[0])) },
  { method: 'GET', pattern: /^\/api\/stats$/, run: (s, i) => s.getStats(queryObject(i.query)) },
  { method: 'GET', pattern: /^\/api\/connection$/, run: (s) => s.getConnection() },
  { method: 'POST', pattern: /^\/api\/pos-token\/reveal$/, run: (s) => s.revealPosToken() },
  { method: 'POST', pattern: /^\/api\/pos-token\/regenerate$/, run: (s) => s.regeneratePosToken() },
  { method: 'POST', pattern: /^\/api\/signing-secret\/reveal$/, run: (s) => s.revealSigningSecret() },
  { method: 'POST', pattern: /^\/api\/signing-secret\/rotate$/, run: (s) => s.rotateSigningSecret() },
  { method: 'GET', pattern: /^\/api\/monitoring$/, run: (s) => s.getMonitoring() },
  { method: 'PUT', pattern: /^\/api\/monitoring$/, run: async (s, i) => s.saveMonitoring((await i.body()) as never) },
  { method: 'POST', pattern: /^\/api\/monitoring\/heartbeat$/, run: (s) => s.sendHeartbeatNow() },
  { method: 'POST', pattern: /^\/api\/monitoring\/signing-secret\/reveal$/, run: (s) => s.revealMonitoringSecret() },
  { method: 'POST', pattern: /^\/api\/monitoring\/signing-secret\/rotate$/, run: (s) => s.rotateMonitoringSecret() },
];

export function findRoute(method: string, path: string): { route: Route; params: string[] } | 'wrong-method' | null {
  let pathMatched = false;
  for (const route of ADMIN_ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method === method) return { route, params: match.slice(1) };
  }
  return pathMatched ? 'wrong-method' : null;
}
