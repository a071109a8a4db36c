// The log's rows: fixed layout and row height, so live updates never make the page jump. States
// and events in plain words; a re-sent copy is marked, with a link to its original.
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

export function DeliveryTable({ deliveries, onOpen }: { deliveries: Delivery[]; onOpen: (id: number) => void }) {
  return (
    <table className="log-table">
      <caption className="sr-only">Deliveries, newest first</caption>
      <colgroup>
        <col className="col-time" />
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
              <button type="button" className="link" aria-label={`${formatTime(delivery.createdAt)}: open check ${delivery.checkNumber}, ${shortHook(delivery.hook)}, ${STATE_LABELS[delivery.state]}`} onClick={(event) => {
                event.stopPropagation();
                onOpen(delivery.id);
              }}>
                {formatTime(delivery.createdAt)}
              </button>
            </td>
            <td>{shortHook(delivery.hook)}</td>
            <td>{EVENT_LABELS[delivery.eventType]}</td>
            <td>{delivery.checkNumber}</td>
            <td title={delivery.lastError ?? undefined}>
              <StateBadge state={delivery.state} />
              {delivery.resentFrom !== null && (
                <button type="button" className="link copy-tag" aria-label={`Copy of an earlier delivery of check ${delivery.checkNumber}: open the original`} onClick={(event) => {
                  event.stopPropagation();
                  if (delivery.resentFrom !== null) onOpen(delivery.resentFrom);
                }}>
                  Copy
                </button>
              )}
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
