// One delivery in a side drawer: summary, payload as pretty JSON, every attempt, Retry now / Re-send.
import { useCallback, useEffect, useState } from 'react';
import type { DeliveryDetail, DeliveryState } from '../../../shared/delivery.ts';
import { HOOK_LABELS } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { Dialog } from '../common/dialog.tsx';
import { errorText, formatTime } from '../common/format.ts';
import { useLiveRefresh } from '../common/use-live-refresh.ts';
import { AttemptList } from './attempt-list.tsx';
import { StateBadge } from './delivery-table.tsx';

/** Waiting or given up: "Retry now" skips the backoff. Failed ones (partner said no) are re-sent instead. */
const RETRYABLE: readonly DeliveryState[] = ['pending', 'retrying', 'dead'];

export function DeliveryDrawer({ id, onClose, onOpen }: { id: number; onClose: () => void; onOpen: (id: number) => void }) {
  const client = useClient();
  const [detail, setDetail] = useState<DeliveryDetail | null>(null);
  const [message, setMessage] = useState('');
  const [resent, setResent] = useState<number | null>(null);
  const load = useCallback(() => {
    client.getDelivery(id).then(setDetail, (error: unknown) => setMessage(`Could not load delivery ${id}: ${errorText(error)}`));
  }, [client, id]);
  useEffect(() => {
    setDetail(null);
    setResent(null);
    setMessage('');
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
    try {
      const copy = await client.resendDelivery(id);
      setResent(copy.id);
      setMessage(`Re-sent as a new delivery #${copy.id}.`);
    } catch (error) {
      setMessage(`Could not re-send: ${errorText(error)}`);
    }
  };

  const canRetry = detail !== null && RETRYABLE.includes(detail.state);
  return (
    <Dialog title={`Delivery #${id}`} onClose={onClose} className="drawer">
      <div className="drawer-actions">
        <button type="button" className="primary" onClick={() => void retry()} disabled={!canRetry} title={canRetry ? 'Send it now instead of waiting for the next try' : 'Only waiting or given-up (dead) deliveries can be retried; use Re-send for the others'}>
          Retry now
        </button>
        <button type="button" onClick={() => void resend()} disabled={!detail}>Re-send</button>
        {resent !== null && <button type="button" className="link" onClick={() => onOpen(resent)}>Open #{resent}</button>}
      </div>
      <p role="status" className="panel-status">{message}</p>
      {detail && (
        <div className="drawer-body">
          <dl className="facts">
            <dt>State</dt>
            <dd><StateBadge state={detail.state} />{detail.nextAttemptAt && ` · next try ${formatTime(detail.nextAttemptAt)}`}</dd>
            <dt>Hook</dt>
            <dd>{HOOK_LABELS[detail.hook]}</dd>
            <dt>Check</dt>
            <dd>{detail.checkNumber} ({detail.eventType})</dd>
            <dt>Created</dt>
            <dd>{formatTime(detail.createdAt)}</dd>
            <dt>webhook-id</dt>
            <dd><code>{detail.webhookId}</code></dd>
            {detail.resentFrom !== null && (
              <>
                <dt>Re-sent from</dt>
                <dd><button type="button" className="link" onClick={() => onOpen(detail.resentFrom ?? id)}>#{detail.resentFrom}</button></dd>
              </>
            )}
          </dl>
          <h3>Attempts</h3>
          <AttemptList attempts={detail.attemptLog} />
          <h3>Payload</h3>
          <pre className="payload">{JSON.stringify(detail.payload, null, 2)}</pre>
        </div>
      )}
    </Dialog>
  );
}
