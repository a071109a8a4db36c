// Re-send in bulk every failed, gave-up or cancelled delivery of one hook in a time range: the
// recovery step after a partner fixed its side. Each state says what it means for the order.
import { useState, type FormEvent } from 'react';
import { RESENDABLE_STATES } from '../../../shared/delivery.ts';
import { HOOK_LABELS, type Hook } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText, plural, toLocalInput } from '../common/format.ts';
import { HOOK_ORDER, STATE_HELP, STATE_LABELS } from '../common/words.ts';

type ResendState = 'failed' | 'dead' | 'cancelled';

function lastDay() {
  return { since: toLocalInput(new Date(Date.now() - 24 * 3600_000)), until: toLocalInput(new Date(Date.now() + 60_000)) };
}

export function BulkResendForm() {
  const client = useClient();
  const [hook, setHook] = useState<Hook>(HOOK_ORDER[0] ?? 'close');
  const [states, setStates] = useState<ResendState[]>(['failed', 'dead', 'cancelled']);
  const [range, setRange] = useState(lastDay);
  const [rangeEdited, setRangeEdited] = useState(false);
  const [message, setMessage] = useState('');
  const { since, until } = range;
  const editRange = (patch: Partial<typeof range>) => {
    setRange({ ...range, ...patch });
    setRangeEdited(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const from = new Date(since);
    const to = new Date(until);
    if (states.length === 0) return setMessage('Pick at least one state.');
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) return setMessage('"From" must be a date and time before "To".');
    try {
      const { queued } = await client.resendBulk({ hook, states, since: from.toISOString(), until: to.toISOString() });
      setMessage(`${plural(queued, 'delivery', 'deliveries')} queued again.`);
    } catch (error) {
      setMessage(`Could not re-send: ${errorText(error)}`);
    }
  };
  const toggle = (state: ResendState, on: boolean) => setStates(on ? [...states, state] : states.filter((s) => s !== state));

  return (
    <details className="panel bulk" onToggle={(event) => {
      // The page may have stayed open for hours: an untouched range means "the last 24 h until now".
      if (event.currentTarget.open && !rangeEdited) setRange(lastDay());
    }}>
      <summary>Re-send in bulk</summary>
      <form onSubmit={(event) => void submit(event)} aria-label="Re-send in bulk" className="bulk-form">
        <label>
          Hook
          <select value={hook} onChange={(event) => setHook(event.target.value as Hook)}>
            {HOOK_ORDER.map((h) => <option key={h} value={h}>{HOOK_LABELS[h]}</option>)}
          </select>
        </label>
        <fieldset className="bulk-states">
          <legend>Re-send the deliveries that</legend>
          {(RESENDABLE_STATES as readonly ResendState[]).map((state) => (
            <label key={state} className="inline">
              <input type="checkbox" checked={states.includes(state)} onChange={(event) => toggle(state, event.target.checked)} />
              <span><strong>{STATE_LABELS[state]}</strong>: {STATE_HELP[state]}</span>
            </label>
          ))}
        </fieldset>
        <label>
          From
          <input type="datetime-local" value={since} onChange={(event) => editRange({ since: event.target.value })} required />
        </label>
        <label>
          To
          <input type="datetime-local" value={until} onChange={(event) => editRange({ until: event.target.value })} required />
        </label>
        <button type="submit" className="primary">Re-send</button>
        <p role="status" className="panel-status">{message}</p>
      </form>
    </details>
  );
}
