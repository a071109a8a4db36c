// One delivery in a side drawer, titled by its check (and partner, when there are several):
// summary, the check as money, every attempt, the exact JSON, Retry now / Re-send. Re-sending asks
// first when the partner already received the order (the copy has a new webhook-id) or when the
// hook's last answer was a rejection (it will likely be refused again).
import { useCallback, useEffect, useState } from 'react';
import type { DeliveryDetail, DeliveryState } from '../../../shared/delivery.ts';
import { HOOK_LABELS } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { Dialog } from '../common/dialog.tsx';
import { errorText } from '../common/format.ts';
import { useLiveRefresh } from '../common/use-live-refresh.ts';
import { useStats } from '../glance/use-stats.ts';
import { AttemptList } from './attempt-list.tsx';
import { CheckSummary, checkOf } from './check-summary.tsx';
import { DeliveryFacts } from './delivery-facts.tsx';
import { resendWarnings } from './resend-warning.ts';

/** Waiting or given up: "Retry now" skips the backoff. Failed ones (partner said no) are re-sent instead. */
const RETRYABLE: readonly DeliveryState[] = ['pending', 'retrying', 'dead'];

export function DeliveryDrawer({ id, onClose, onOpen }: { id: number; onClose: () => void; onOpen: (id: number) => void }) {
  const client = useClient();
  const { stats } = useStats();
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

  const endpoint = detail ? stats?.endpoints.find((e) => e.partnerId === detail.partnerId && e.hook === detail.hook) : undefined;
  const warnings = detail ? resendWarnings(detail, endpoint) : [];
  const canRetry = detail !== null && RETRYABLE.includes(detail.state) && detail.waitingFor === null;
  const check = detail ? checkOf(detail.payload.data) : null;
  const several = (stats?.partners.length ?? 1) > 1;
  const title = detail ? `Check ${detail.checkNumber} · ${several ? `${detail.partnerName} · ` : ''}${HOOK_LABELS[detail.hook]}` : 'Loading delivery…';
  return (
    <Dialog title={title} onClose={onClose} className="drawer">
      <div className="drawer-actions">
        <button type="button" className="primary" onClick={() => void retry()} disabled={!canRetry} title={canRetry ? 'Send it now instead of waiting for the next try' : detail?.waitingFor ? `It waits for #${detail.waitingFor}: retry that one` : 'Only waiting, retrying or given-up deliveries can be retried now; use Re-send for the others'}>
          Retry now
        </button>
        <button type="button" onClick={() => (warnings.length > 0 ? setConfirming(true) : void resend())} disabled={!detail}>
          Re-send
        </button>
        {resent !== null && <button type="button" className="link" onClick={() => onOpen(resent)}>Open the copy</button>}
      </div>
      <p role="status" className="panel-status">{message}</p>
      {detail && (
        <div className="drawer-body">
          <DeliveryFacts detail={detail} endpoint={endpoint} onOpen={onOpen} onMessage={setMessage} />
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
        <ConfirmDialog title={`Send check ${detail.checkNumber} again?`} confirmLabel={detail.state === 'delivered' ? 'Send it again' : 'Re-send anyway'} onConfirm={() => void resend()} onCancel={() => setConfirming(false)}>
          {warnings.map((warning) => <p key={warning}>{warning}</p>)}
        </ConfirmDialog>
      )}
    </Dialog>
  );
}
