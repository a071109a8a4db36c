// Re-send in bulk every failed, dead or cancelled delivery of one hook in a time range: the
// recovery step after a partner fixed its side.
import { useState, type FormEvent } from 'react';
import { RESENDABLE_STATES } from '../../../shared/delivery.ts';
import { HOOK_LABELS, HOOKS, type Hook } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText, plural, toLocalInput } from '../common/format.ts';

type ResendState = 'failed' | 'dead' | 'cancelled';

export function BulkResendForm() {
  const client = useClient();
  const [hook, setHook] = useState<Hook>('open');
  const [states, setStates] = useState<ResendState[]>(['failed', 'dead', 'cancelled']);
  const [since, setSince] = useState(() => toLocalInput(new Date(Date.now() - 24 * 3600_000)));
  const [until, setUntil] = useState(() => toLocalInput(new Date(Date.now() + 60_000)));
  const [message, setMessage] = useState('');

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
    <details className="panel bulk">
      <summary>Re-send in bulk</summary>
      <form onSubmit={(event) => void submit(event)} aria-label="Re-send in bulk" className="bulk-form">
        <label>
          Hook
          <select value={hook} onChange={(event) => setHook(event.target.value as Hook)}>
            {HOOKS.map((h) => <option key={h} value={h}>{HOOK_LABELS[h]}</option>)}
          </select>
        </label>
        <fieldset>
          <legend>States</legend>
          {(RESENDABLE_STATES as readonly ResendState[]).map((state) => (
            <label key={state} className="inline">
              <input type="checkbox" checked={states.includes(state)} onChange={(event) => toggle(state, event.target.checked)} /> {state}
            </label>
          ))}
        </fieldset>
        <label>
          From
          <input type="datetime-local" value={since} onChange={(event) => setSince(event.target.value)} required />
        </label>
        <label>
          To
          <input type="datetime-local" value={until} onChange={(event) => setUntil(event.target.value)} required />
        </label>
        <button type="submit" className="primary">Re-send</button>
        <p role="status" className="panel-status">{message}</p>
      </form>
    </details>
  );
}
