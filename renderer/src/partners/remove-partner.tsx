// "Remove partner": asks first, saying how many waiting deliveries it cancels (they stay in the log
// under the partner's name), then removes it. A store's only partner can't be removed — the hub
// refuses with last_partner — so that case is said in words before anything is asked.
import { useState } from 'react';
import type { RemovedPartner } from '../../../shared/partners.ts';
import { useClient } from '../client/client-context.tsx';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { plural } from '../common/format.ts';
import { partnerErrorText } from './partner-errors.ts';

interface RemovePartnerProps {
  partner: { id: string; name: string };
  /** The partner's waiting deliveries (its endpoints' `waiting`): removal cancels them. */
  waiting: number;
  /** How many partners the store has; the last one stays. */
  partnerCount: number;
  onRemoved: (removed: RemovedPartner) => void;
}

const ONLY_ONE = 'This is the store’s only partner, so it can’t be removed. To stop sending orders, set its hooks to NO and save.';

export function RemovePartner({ partner, waiting, partnerCount, onRemoved }: RemovePartnerProps) {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  const remove = async () => {
    setConfirming(false);
    setBusy(true);
    setMessage('');
    try {
      onRemoved(await client.removePartner(partner.id));
    } catch (error) {
      setMessage(partnerErrorText(error));
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="remove-title">
      <h2 id="remove-title">Remove partner</h2>
      <p className="help">Stops sending orders to {partner.name} at once. Its deliveries stay in the delivery log under its name.</p>
      <button type="button" className="danger" disabled={busy} onClick={() => (partnerCount <= 1 ? setMessage(ONLY_ONE) : setConfirming(true))}>
        {busy ? 'Removing…' : `Remove ${partner.name}`}
      </button>
      {message && <p role="alert" className="panel-status field-error">{message}</p>}
      {confirming && (
        <ConfirmDialog title={`Remove ${partner.name}?`} confirmLabel={`Remove ${partner.name}`} onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
          <p>
            {waiting > 0
              ? `${plural(waiting, 'waiting delivery', 'waiting deliveries')} to ${partner.name} ${waiting === 1 ? 'is' : 'are'} cancelled. They stay in the delivery log as Cancelled, under its name.`
              : `Nothing is waiting for ${partner.name}, so nothing is cancelled.`}
          </p>
          <p>New orders are no longer sent to it. Its page, URLs, API key and signing secret are deleted; to send to it again, add it as a new partner.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
