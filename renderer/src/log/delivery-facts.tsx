// The drawer's facts about one delivery: its state and what happens next (in words that hold
// during an outage), the partner, the event, and its links — the delivery it waits for, the
// original it was re-sent from, the copy re-sent from it (delivered or not).
import type { EndpointHealth } from '../../../shared/api.ts';
import type { DeliveryDetail } from '../../../shared/delivery.ts';
import { formatTime } from '../common/format.ts';
import { EVENT_LABELS } from '../common/words.ts';
import { StateBadge } from './delivery-table.tsx';
import { nextTryText } from './next-try.ts';
import { WaitingFor } from './waiting-for.tsx';

interface DeliveryFactsProps {
  detail: DeliveryDetail;
  endpoint: EndpointHealth | undefined;
  onOpen: (id: number) => void;
  onMessage: (message: string) => void;
}

export function DeliveryFacts({ detail, endpoint, onOpen, onMessage }: DeliveryFactsProps) {
  const next = nextTryText(detail, endpoint);
  const { resentFrom, resentTo, waitingFor } = detail;
  return (
    <dl className="facts">
      <dt>State</dt>
      <dd>
        <span><StateBadge state={detail.state} />{detail.resolved && ' · re-sent, and the copy was delivered: nothing is missing'}</span>
        {next && <span>Next try: {next}</span>}
      </dd>
      {waitingFor !== null && (
        <>
          <dt>Waits for</dt>
          <dd><WaitingFor key={waitingFor} id={waitingFor} onOpen={onOpen} onMessage={onMessage} /></dd>
        </>
      )}
      <dt>Partner</dt>
      <dd>{detail.partnerName}</dd>
      <dt>Event</dt>
      <dd>{EVENT_LABELS[detail.eventType]}</dd>
      <dt>Created</dt>
      <dd>{formatTime(detail.createdAt)}</dd>
      <dt>webhook-id</dt>
      <dd><code>{detail.webhookId}</code></dd>
      {resentFrom !== null && (
        <>
          <dt>Copy</dt>
          <dd><button type="button" className="link" onClick={() => onOpen(resentFrom)}>Re-sent from an earlier delivery: open the original</button></dd>
        </>
      )}
      {resentTo !== null && (
        <>
          <dt>Re-sent</dt>
          <dd><button type="button" className="link" onClick={() => onOpen(resentTo)}>{detail.resolved ? 'Re-sent → delivered: open the delivered copy' : 'Re-sent as a copy: open the copy'}</button></dd>
        </>
      )}
    </dl>
  );
}
