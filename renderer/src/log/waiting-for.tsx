// A delivery held behind an earlier one of its check (per-check order) can't be retried itself:
// this names that earlier delivery, opens it, and offers Retry now on it instead.
import { useEffect, useState } from 'react';
import type { DeliveryDetail } from '../../../shared/delivery.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText } from '../common/format.ts';
import { EVENT_LABELS, STATE_LABELS } from '../common/words.ts';

export function WaitingFor({ id, onOpen, onMessage }: { id: number; onOpen: (id: number) => void; onMessage: (message: string) => void }) {
  const client = useClient();
  const [head, setHead] = useState<DeliveryDetail | null>(null);
  useEffect(() => {
    client.getDelivery(id).then(setHead, () => setHead(null));
  }, [client, id]);
  const retryHead = async () => {
    try {
      await client.retryDelivery(id);
      onMessage(`Retrying #${id} now; this one follows as soon as it is delivered.`);
    } catch (error) {
      onMessage(`Could not retry #${id}: ${errorText(error)}`);
    }
  };
  return (
    <>
      <span>
        Waiting for <button type="button" className="link" onClick={() => onOpen(id)}>#{id}</button>
        {head ? ` (${EVENT_LABELS[head.eventType]}, ${STATE_LABELS[head.state]})` : ''}, an earlier order of this check: the partner gets a check's orders in the order the POS sent them.
      </span>
      <span className="button-row">
        <button type="button" onClick={() => void retryHead()}>Retry #{id} now</button>
      </span>
    </>
  );
}
