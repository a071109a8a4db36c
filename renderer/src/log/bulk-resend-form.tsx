// Re-send in bulk every failed, gave-up or cancelled delivery of a partner (or all of them) and one
// hook (or all hooks) in a time range: the recovery step after a partner fixed its side. It counts
// first (a dry run), then asks — naming the partner, and warning when a chosen hook is still
// refusing orders — and only then queues the copies.
import { useState, type FormEvent } from 'react';
import type { EndpointHealth, PartnerHealth } from '../../../shared/api.ts';
import { RESENDABLE_STATES, type BulkResend } from '../../../shared/delivery.ts';
import { HOOK_LABELS, type Hook } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { errorText, plural, toLocalInput } from '../common/format.ts';
import { HOOK_ORDER, STATE_HELP, STATE_LABELS } from '../common/words.ts';
import { rejectionCause } from '../glance/health-text.ts';

type ResendState = 'failed' | 'dead' | 'cancelled';

function lastDay() {
  return { since: toLocalInput(new Date(Date.now() - 24 * 3600_000)), until: toLocalInput(new Date(Date.now() + 60_000)) };
}

interface BulkResendFormProps {
  /** The store's partners; a choice only when there are several. */
  partners: readonly PartnerHealth[];
  /** For the warning when a chosen hook still refuses orders. */
  endpoints: readonly EndpointHealth[];
}

export function BulkResendForm({ partners, endpoints }: BulkResendFormProps) {
  const client = useClient();
  const [partner, setPartner] = useState('');
  const [hook, setHook] = useState<Hook | 'all'>('all');
  const [states, setStates] = useState<ResendState[]>(['failed', 'dead', 'cancelled']);
  const [range, setRange] = useState(lastDay);
  const [rangeEdited, setRangeEdited] = useState(false);
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState<{ request: BulkResend; count: number } | null>(null);
  const { since, until } = range;
  const editRange = (patch: Partial<typeof range>) => {
    setRange({ ...range, ...patch });
    setRangeEdited(true);
  };
  const several = partners.length > 1;
  const partnerName = partners.find((p) => p.id === partner)?.name;
  const refusing = endpoints.filter((e) => e.status === 'rejecting' && (partner === '' || e.partnerId === partner) && (hook === 'all' || e.hook === hook));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    const from = new Date(since);
    const to = new Date(until);
    if (states.length === 0) return setMessage('Pick at least one state.');
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) return setMessage('"From" must be a date and time before "To".');
    const request: BulkResend = { hook, states, since: from.toISOString(), until: to.toISOString(), ...(partner ? { partner } : {}) };
    try {
      const { queued } = await client.resendBulk({ ...request, dryRun: true });
      if (queued === 0) return setMessage('Nothing to re-send in that range (deliveries re-sent already, and hooks set to NO, are left out).');
      setConfirming({ request, count: queued });
    } catch (error) {
      setMessage(`Could not count them: ${errorText(error)}`);
    }
  };
  const resend = async (request: BulkResend) => {
    setConfirming(null);
    try {
      const { queued } = await client.resendBulk(request);
      setMessage(`${plural(queued, 'delivery', 'deliveries')} queued again.`);
    } catch (error) {
      setMessage(`Could not re-send: ${errorText(error)}`);
    }
  };
  const toggle = (state: ResendState, on: boolean) => setStates(on ? [...states, state] : states.filter((s) => s !== state));
  const what = `${partnerName ?? (several ? 'every partner' : 'the partner')}, ${hook === 'all' ? 'every hook' : HOOK_LABELS[hook]}`;

  return (
    <details className="panel bulk" onToggle={(event) => {
      // The page may have stayed open for hours: an untouched range means "the last 24 h until now".
      if (event.currentTarget.open && !rangeEdited) setRange(lastDay());
    }}>
      <summary>Re-send in bulk</summary>
      <form onSubmit={(event) => void submit(event)} aria-label="Re-send in bulk" className="bulk-form">
        {several && (
          <label>
            Partner
            <select value={partner} onChange={(event) => setPartner(event.target.value)}>
              <option value="">All partners</option>
              {partners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
        )}
        <label>
          Hook
          <select value={hook} onChange={(event) => setHook(event.target.value as Hook | 'all')}>
            <option value="all">All hooks</option>
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
      {confirming && (
        <ConfirmDialog title={`Re-send ${plural(confirming.count, 'delivery', 'deliveries')}?`} confirmLabel={`Re-send ${plural(confirming.count, 'delivery', 'deliveries')}`} onConfirm={() => void resend(confirming.request)} onCancel={() => setConfirming(null)}>
          <p>
            {plural(confirming.count, 'delivery', 'deliveries')} of {what} in that range {confirming.count === 1 ? 'is' : 'are'} queued again as copies, each check's in the order the POS sent them. Each copy has a new webhook-id.
          </p>
          {refusing.map((e) => (
            <p key={`${e.partnerId}-${e.hook}`} className="warning">
              {several ? `${e.partnerName} — ` : ''}{HOOK_LABELS[e.hook]} still refuses orders (HTTP {e.lastStatus ?? '4xx'}: {rejectionCause(e.lastStatus)}): its copies will most likely be refused again.
            </p>
          ))}
        </ConfirmDialog>
      )}
    </details>
  );
}
