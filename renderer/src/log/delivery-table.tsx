// The log's rows: fixed layout and row height, so live updates never make the page jump. States
// and events in plain words; a re-sent copy is marked and links to its original, an original whose
// copy was delivered reads "Re-sent → delivered" and links to the copy, and a delivery held behind
// an earlier one of its check says which ("for #132") with a link.
import type { Delivery } from '../../../shared/delivery.ts';
import { formatLatency, formatTime } from '../common/format.ts';
import { EVENT_LABELS, shortHook, STATE_HELP, STATE_LABELS } from '../common/words.ts';

export function StateBadge({ state }: { state: Delivery['state'] }) {
  return (
    <span className={`state state-${state}`} title={`${STATE_LABELS[state]}: ${STATE_HELP[state]}`}>
      {STATE_LABELS[state]}
    </span>
  );
}

/** A link inside a clickable row: opens another delivery, not this one. */
function RowLink({ label, to, onOpen, className, children }: { label: string; to: number; onOpen: (id: number) => void; className: string; children: string }) {
  return (
    <button type="button" className={`link ${className}`} aria-label={label} onClick={(event) => {
      event.stopPropagation();
      onOpen(to);
    }}>
      {children}
    </button>
  );
}

function StateCell({ delivery, onOpen }: { delivery: Delivery; onOpen: (id: number) => void }) {
  const check = delivery.checkNumber;
  if (delivery.resolved && delivery.resentTo !== null) {
    return (
      <RowLink className="state state-resolved" to={delivery.resentTo} onOpen={onOpen} label={`Re-sent → delivered: check ${check} was ${STATE_LABELS[delivery.state].toLowerCase()} at first; open the delivered copy`}>
        Re-sent → delivered
      </RowLink>
    );
  }
  return (
    <>
      <StateBadge state={delivery.state} />
      {delivery.waitingFor !== null && (
        <RowLink className="copy-tag" to={delivery.waitingFor} onOpen={onOpen} label={`Waiting for #${delivery.waitingFor}, an earlier delivery of check ${check}: open it`}>
          {`for #${delivery.waitingFor}`}
        </RowLink>
      )}
      {delivery.resentFrom !== null && (
        <RowLink className="copy-tag" to={delivery.resentFrom} onOpen={onOpen} label={`Copy of an earlier delivery of check ${check}: open the original`}>
          Copy
        </RowLink>
      )}
      {delivery.resentFrom === null && delivery.resentTo !== null && (
        <RowLink className="copy-tag" to={delivery.resentTo} onOpen={onOpen} label={`Re-sent as a copy: open the copy of check ${check}`}>
          Re-sent
        </RowLink>
      )}
    </>
  );
}

interface DeliveryTableProps {
  deliveries: Delivery[];
  /** The store has several partners: a Partner column. */
  showPartner?: boolean;
  onOpen: (id: number) => void;
}

export function DeliveryTable({ deliveries, showPartner = false, onOpen }: DeliveryTableProps) {
  return (
    <table className={`log-table${showPartner ? ' with-partner' : ''}`}>
      <caption className="sr-only">Deliveries, newest first</caption>
      <colgroup>
        <col className="col-time" />
        {showPartner && <col className="col-partner" />}
        <col className="col-hook" />
        <col className="col-event" />
        <col className="col-check" />
        <col className="col-state" />
        <col className="col-num" />
        <col className="col-num" />
        <col className="col-num" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Time</th>
          {showPartner && <th scope="col">Partner</th>}
          <th scope="col">Hook</th>
          <th scope="col">Event</th>
          <th scope="col">Check number</th>
          <th scope="col">State</th>
          <th scope="col" className="num">Attempts</th>
          <th scope="col" className="num">Last HTTP</th>
          <th scope="col" className="num">Latency</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id} onClick={() => onOpen(delivery.id)}>
            <td>
              <button type="button" className="link" aria-label={`${formatTime(delivery.createdAt)}: open check ${delivery.checkNumber}, ${showPartner ? `${delivery.partnerName}, ` : ''}${shortHook(delivery.hook)}, ${STATE_LABELS[delivery.state]}`} onClick={(event) => {
                event.stopPropagation();
                onOpen(delivery.id);
              }}>
                {formatTime(delivery.createdAt)}
              </button>
            </td>
            {showPartner && <td className="partner-cell" title={delivery.partnerName}>{delivery.partnerName}</td>}
            <td>{shortHook(delivery.hook)}</td>
            <td>{EVENT_LABELS[delivery.eventType]}</td>
            <td>{delivery.checkNumber}</td>
            <td title={delivery.lastError ?? undefined}>
              <StateCell delivery={delivery} onOpen={onOpen} />
            </td>
            <td className="num">{delivery.attempts}</td>
            <td className="num">{delivery.lastStatus ?? '—'}</td>
            <td className="num">{formatLatency(delivery.lastLatencyMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
