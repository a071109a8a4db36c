// One delivery in a side drawer, titled by its check: summary, the check as money, every attempt,
// the exact JSON, Retry now / Re-send. Re-sending an order the partner already received asks
// first: the copy carries a new webhook-id, so the partner can't drop it as a duplicate.
import { useCallback, useEffect, useState } from 'react';
import type { DeliveryDetail, DeliveryState } from '../../../shared/delivery.ts';
import { HOOK_LABELS } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { Dialog } from '../common/dialog.tsx';
import { errorText, formatTime } from '../common/format.ts';
import { useLiveRefresh } from '../common/use-live-refresh.ts';
import { EVENT_LABELS } from '../common/words.ts';
import { AttemptList } from './attempt-list.tsx';
import { CheckSummary, checkOf } from './check-summary.tsx';
import { StateBadge } from './delivery-table.tsx';

/** Waiting or given up: "Retry now" skips the backoff. Failed ones (partner said no) are re-sent instead. */
const RETRYABLE: readonly DeliveryState[] = ['pending', 'retrying', 'dead'];

export function DeliveryDrawer({ id, onClose, onOpen }: { id: number; onClose: () => void; onOpen: (id: number) => void }) {
  const client = useClient();
  const [detail, setDetail] = useState<DeliveryDetail | null>(null);
  const [message, setMessage] = useState('');
  const [resent, setResent] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const load = useCallback(() => {
    client.getDelivery(id).then(setDetail, (error: unknown) => setMessage(`Could not load this delivery: ${errorText(error)}`));
  }, [client, id]);
  useEffect(() => {
    setDetail(null);
    setResent(null);
    setMessage('');
    setConfirming(false);
    load();
  }, [load]);
  useLiveRefresh(load);

  const retry = async () => {
    try {
      await client.retryDelivery(id);
      setMessage('Retrying now.');
      load();
    } catch (error) {
      setMessage(`Could not retry: ${errorText(error)}`);
    }
  };
  const resend = async () => {
    setConfirming(false);
    try {
      const copy = await client.resendDelivery(id);
      setResent(copy.id);
      setMessage('Re-sent as a copy: it is queued now and shows in the log.');
    } catch (error) {
      setMessage(`Could not re-send: ${errorText(error)}`);
    }
  };

  const canRetry = detail !== null && RETRYABLE.includes(detail.state);
  const check = detail ? checkOf(detail.payload.data) : null;
  const title = detail ? `Check ${detail.checkNumber} · ${HOOK_LABELS[detail.hook]}` : 'Loading delivery…';
  return (
    <Dialog title={title} onClose={onClose} className="drawer">
      <div className="drawer-actions">
        <button type="button" className="primary" onClick={() => void retry()} disabled={!canRetry} title={canRetry ? 'Send it now instead of waiting for the next try' : 'Only waiting, retrying or given-up deliveries can be retried now; use Re-send for the others'}>
          Retry now
        </button>
        <button type="button" onClick={() => (detail?.state === 'delivered' ? setConfirming(true) : void resend())} disabled={!detail}>
          Re-send
        </button>
        {resent !== null && <button type="button" className="link" onClick={() => onOpen(resent)}>Open the copy</button>}
      </div>
      <p role="status" className="panel-status">{message}</p>
      {detail && (
        <div className="drawer-body">
          <dl className="facts">
            <dt>State</dt>
            <dd><StateBadge state={detail.state} />{detail.nextAttemptAt && ` · next try ${formatTime(detail.nextAttemptAt)}`}</dd>
            <dt>Event</dt>
            <dd>{EVENT_LABELS[detail.eventType]}</dd>
            <dt>Created</dt>
            <dd>{formatTime(detail.createdAt)}</dd>
            <dt>webhook-id</dt>
            <dd><code>{detail.webhookId}</code></dd>
            {detail.resentFrom !== null && (
              <>
                <dt>Copy</dt>
                <dd><button type="button" className="link" onClick={() => detail.resentFrom !== null && onOpen(detail.resentFrom)}>Re-sent from an earlier delivery: open the original</button></dd>
              </>
            )}
          </dl>
          {check && <CheckSummary check={check} />}
          <h3>Attempts</h3>
          <AttemptList attempts={detail.attemptLog} />
          <details className="payload-details">
            <summary>Exact JSON sent to the partner (amounts in cents)</summary>
            <pre className="payload" tabIndex={0} aria-label="Exact JSON sent to the partner">{JSON.stringify(detail.payload, null, 2)}</pre>
          </details>
        </div>
      )}
      {confirming && detail && (
        <ConfirmDialog title={`Send check ${detail.checkNumber} again?`} confirmLabel="Send it again" onConfirm={() => void resend()} onCancel={() => setConfirming(false)}>
          <p>The partner already received this order. A re-send delivers it to them again as a copy with a new webhook-id, so they can't recognise it as a duplicate and may process it twice.</p>
        </ConfirmDialog>
      )}
    </Dialog>
  );
}
