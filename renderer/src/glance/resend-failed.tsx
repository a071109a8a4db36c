// "Re-send N failed orders" once a rejection or an outage is over: counts first (a dry run of the
// bulk re-send over every hook of the partner), asks, then queues the copies — in POS order per
// check, which the hub keeps.
import { useState } from 'react';
import type { BulkResend } from '../../../shared/delivery.ts';
import { useClient } from '../client/client-context.tsx';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { errorText, plural } from '../common/format.ts';
import type { PartnerRef } from './notices.ts';

/** Every failed or given-up order the outbox still keeps, whenever it was queued. */
function everything(partner: string): BulkResend {
  return { partner, hook: 'all', states: ['failed', 'dead'], since: new Date(0).toISOString(), until: new Date(Date.now() + 60_000).toISOString() };
}

export function ResendFailed({ partner, count, named }: { partner: PartnerRef; count: number; named: boolean }) {
  const client = useClient();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const to = named ? partner.name : 'the partner';

  const countFirst = async () => {
    setBusy(true);
    setMessage('');
    try {
      const { queued } = await client.resendBulk({ ...everything(partner.id), dryRun: true });
      if (queued === 0) setMessage('Nothing to re-send: these orders were re-sent already, or their hooks are set to NO.');
      else setConfirming(queued);
    } catch (error) {
      setMessage(`Could not count them: ${errorText(error)}`);
    } finally {
      setBusy(false);
    }
  };
  const resend = async () => {
    setConfirming(null);
    setBusy(true);
    try {
      const { queued } = await client.resendBulk(everything(partner.id));
      setMessage(`${plural(queued, 'order')} queued again for ${to}.`);
    } catch (error) {
      setMessage(`Could not re-send: ${errorText(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="primary" onClick={() => void countFirst()} disabled={busy}>
        Re-send {plural(count, 'failed order')}
      </button>
      <span role="status" className="banner-note">{message}</span>
      {confirming !== null && (
        <ConfirmDialog title={`Re-send ${plural(confirming, 'order')} to ${to}?`} confirmLabel={`Re-send ${plural(confirming, 'order')}`} onConfirm={() => void resend()} onCancel={() => setConfirming(null)}>
          <p>
            {plural(confirming, 'order')} that {confirming === 1 ? 'was' : 'were'} refused or given up, on every hook, {confirming === 1 ? 'is' : 'are'} queued again as {confirming === 1 ? 'a copy' : 'copies'}, each check's orders in the order the POS sent them.
          </p>
          <p>Do this once the partner has fixed its side: a copy the partner refuses again stays failed.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
