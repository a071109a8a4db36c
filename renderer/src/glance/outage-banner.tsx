// The banner a manager cannot miss while a partner (or the store's internet) is down or refusing
// orders — naming the partner when the store has several, the hook, the status and its likely
// cause, with the next check and Check now — and, once it is over, the partner being back (the
// backlog draining) and the offer to re-send what was not delivered.
import type { ReactNode } from 'react';
import type { EndpointHealth, Stats } from '../../../shared/api.ts';
import { HOOK_LABELS } from '../../../shared/settings.ts';
import { formatCount, formatTime, plural } from '../common/format.ts';
import { partnerHref } from '../router.tsx';
import { CheckNow } from './check-now.tsx';
import { rejectionAdvice, rejectionCause } from './health-text.ts';
import { noticesOf, type Notice, type PartnerRef } from './notices.ts';
import { ResendFailed } from './resend-failed.tsx';

const names = (endpoints: readonly EndpointHealth[]) => endpoints.map((e) => HOOK_LABELS[e.hook]).join(', ');
const lastError = (endpoints: readonly EndpointHealth[]) => endpoints.find((e) => e.lastError)?.lastError;

interface Wording {
  /** Several partners: every notice starts with the partner's name. */
  named: boolean;
  /** On this partner's own page: no link to it. */
  onPartnerPage: boolean;
}

function PageLink({ partner, wording, children }: { partner: PartnerRef; wording: Wording; children: ReactNode }) {
  if (wording.onPartnerPage) return null;
  return <a href={partnerHref(partner.id)}>{children}</a>;
}

function Down({ notice, wording }: { notice: Extract<Notice, { kind: 'down' }>; wording: Wording }) {
  const { partner, down, held, waiting, since } = notice;
  const headline = wording.named ? `${partner.name} — ${names(down)} not answering, ${formatCount(waiting)} waiting.` : `Partner not answering: ${names(down)}.`;
  return (
    <div className="banner" role="alert">
      <strong>{headline}</strong> {wording.named ? 'Waiting' : `${plural(waiting, 'order')} waiting`}
      {since ? ` since ${formatTime(since)}` : ''}. Nothing is lost: they are sent automatically as soon as the partner answers again.
      {held.length > 0 && ` ${names(held)} wait${held.length === 1 ? 's' : ''} behind it: each check's orders go in the order the POS sent them.`}
      <span className="banner-detail">
        <CheckNow endpoints={down} label={wording.named ? `Check now: ${partner.name}` : 'Check now'} />
      </span>
      {lastError(down) && <span className="banner-detail">Last error: {lastError(down)}</span>}
    </div>
  );
}

function Rejecting({ notice, wording }: { notice: Extract<Notice, { kind: 'rejecting' }>; wording: Wording }) {
  const { partner, endpoints, notDelivered, since } = notice;
  const hooks = endpoints.map((e) => `${HOOK_LABELS[e.hook]} (HTTP ${e.lastStatus ?? '?'})`).join(', ');
  const causes = [...new Set(endpoints.map((e) => rejectionCause(e.lastStatus)))].join('; ');
  const headline = wording.named ? `${partner.name} — ${hooks} refusing orders: ${causes}.` : `Partner refusing orders: ${hooks} — ${causes}.`;
  return (
    <div className="banner" role="alert">
      <strong>{headline}</strong> {notDelivered > 0 ? `${plural(notDelivered, 'order')} not delivered` : 'Orders are refused'}
      {since ? ` since ${formatTime(since)}` : ''}; refused orders are not retried. {rejectionAdvice(endpoints[0]?.lastStatus ?? null)} Save the fix, then re-send them.{' '}
      <PageLink partner={partner} wording={wording}>Open {wording.named ? `${partner.name}'s` : 'the partner'} page</PageLink>
      {lastError(endpoints) && <span className="banner-detail">Last answer: {lastError(endpoints)}</span>}
    </div>
  );
}

function Stopped({ notice, wording }: { notice: Extract<Notice, { kind: 'stopped' }>; wording: Wording }) {
  const { partner, endpoints, waiting } = notice;
  return (
    <div className="banner" role="alert">
      <strong>{wording.named ? `${partner.name} — ` : ''}The partner asked us to stop sending (410 Gone): {names(endpoints)}.</strong>{' '}
      {waiting > 0 && `${plural(waiting, 'order')} waiting. `}Ask the partner whether its address changed; setting the hook to NO cancels what waits.
    </div>
  );
}

function Recovered({ notice, wording }: { notice: Extract<Notice, { kind: 'recovered' }>; wording: Wording }) {
  const { partner, sent, total } = notice;
  const who = wording.named ? `${partner.name} is back` : 'Partner is back';
  const draining = sent < total;
  return (
    <div className="banner good" role="status">
      <strong>{who}</strong> — {draining ? `${formatCount(sent)} of ${formatCount(total)} sent` : total === 0 && sent === 0 ? 'answering again' : `${formatCount(sent)} sent`}.
      {draining && <progress value={sent} max={total} aria-label={`${who}: ${formatCount(sent)} of ${formatCount(total)} waiting orders sent`} />}
    </div>
  );
}

function NotDelivered({ notice, wording }: { notice: Extract<Notice, { kind: 'not-delivered' }>; wording: Wording }) {
  const { partner, count } = notice;
  return (
    <div className="banner notice" role="region" aria-label={`Not delivered${wording.named ? ` to ${partner.name}` : ''}`}>
      <span>
        {wording.named ? `${partner.name}: ` : ''}
        {plural(count, 'order')} {count === 1 ? 'was' : 'were'} not delivered (refused, or given up after the retry limit). Nothing is failing now: once the partner has fixed its side, re-send them.
      </span>{' '}
      <ResendFailed partner={partner} count={count} named={wording.named} />
    </div>
  );
}

function Internet({ notice }: { notice: Extract<Notice, { kind: 'internet' }> }) {
  return (
    <div className="banner" role="alert">
      <strong>No partner can be reached — the internet connection may be down.</strong> {plural(notice.waiting, 'order')} waiting
      {notice.since ? ` since ${formatTime(notice.since)}` : ''}. Nothing is lost: they are sent automatically as soon as the partners answer again.
      <span className="banner-detail">
        <CheckNow endpoints={notice.endpoints} label="Check now: every partner" />
      </span>
      {lastError(notice.endpoints) && <span className="banner-detail">Last error: {lastError(notice.endpoints)}</span>}
    </div>
  );
}

export function OutageBanner({ stats, onPartnerPage = false }: { stats: Stats; onPartnerPage?: boolean }) {
  const notices = noticesOf(stats);
  if (notices.length === 0) return null;
  const wording: Wording = { named: stats.partners.length > 1, onPartnerPage };
  return (
    <div className="banners">
      {notices.map((notice) => {
        const key = `${notice.kind}-${'partner' in notice ? notice.partner.id : 'all'}`;
        switch (notice.kind) {
          case 'internet':
            return <Internet key={key} notice={notice} />;
          case 'down':
            return <Down key={key} notice={notice} wording={wording} />;
          case 'rejecting':
            return <Rejecting key={key} notice={notice} wording={wording} />;
          case 'stopped':
            return <Stopped key={key} notice={notice} wording={wording} />;
          case 'recovered':
            return <Recovered key={key} notice={notice} wording={wording} />;
          case 'not-delivered':
            return <NotDelivered key={key} notice={notice} wording={wording} />;
        }
      })}
    </div>
  );
}
