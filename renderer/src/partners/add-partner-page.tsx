// Integration Hub → Add partner: the same Order webhook fields as a partner's page, and optionally
// the orders of the last N hours. With a backfill it counts the orders first and asks; then it adds
// the partner (addPartner) and queues them (backfillPartner). Field errors from the hub land on
// their fields; a 21st partner is said in words.
import { useState, type FormEvent } from 'react';
import type { SavedPartner } from '../../../shared/partners.ts';
import { useClient } from '../client/client-context.tsx';
import { Breadcrumbs } from '../common/breadcrumbs.tsx';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { errorText, plural } from '../common/format.ts';
import { HREF } from '../router.tsx';
import { emptyDraft, fieldId } from '../webhooks/form-state.ts';
import { PartnerFields } from '../webhooks/partner-fields.tsx';
import { useDraftForm } from '../webhooks/use-draft-form.ts';
import { AddedNotice, type Added } from './added-notice.tsx';
import { BackfillFields, backfillHoursProblem, backfillSince, type Backfill } from './backfill-fields.tsx';
import { partnerErrorText } from './partner-errors.ts';

type Confirming = { since: string; count: number };

export function AddPartnerPage() {
  const client = useClient();
  const form = useDraftForm(emptyDraft);
  const [backfill, setBackfill] = useState<Backfill>({ on: false, hours: '24' });
  const [backfillError, setBackfillError] = useState('');
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<Added | null>(null);

  const add = async (since: string | null) => {
    const checked = form.check();
    if (!checked.ok) return;
    setConfirming(null);
    setBusy(true);
    let partner: SavedPartner;
    try {
      partner = await client.addPartner(checked.input);
    } catch (error) {
      form.showHubErrors(error);
      setFormError(`Not added: ${partnerErrorText(error)}`);
      setBusy(false);
      return;
    }
    form.reset(form.draft); // saved: leaving the page no longer asks
    let result: Added = { partner, hours: backfill.hours, queued: null, backfillError: '' };
    if (since !== null) {
      try {
        result = { ...result, queued: (await client.backfillPartner(partner.id, { since })).queued };
      } catch (error) {
        result = { ...result, backfillError: errorText(error) };
      }
    }
    setAdded(result);
    setBusy(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError('');
    const checked = form.check();
    const hoursProblem = backfill.on ? backfillHoursProblem(backfill.hours) : null;
    setBackfillError(hoursProblem ?? '');
    if (hoursProblem && checked.ok) document.getElementById(fieldId('backfill.hours'))?.focus();
    if (!checked.ok || hoursProblem) return;
    if (!backfill.on) return add(null);
    // The count the manager confirms is the one for this very moment's range.
    const since = backfillSince(backfill.hours);
    setBusy(true);
    try {
      const { queued } = await client.previewBackfill({ hooks: checked.input.hooks, thirdPartyOrders: checked.input.thirdPartyOrders, since });
      setBusy(false);
      if (queued === 0) return add(null);
      setConfirming({ since, count: queued });
    } catch (error) {
      setBusy(false);
      setFormError(`Could not count the orders to send: ${errorText(error)}`);
    }
  };

  const errorCount = Object.keys(form.errors).length + (backfillError ? 1 : 0);
  return (
    <main className="page">
      <Breadcrumbs trail={[{ label: 'Home', to: 'home' }, { label: 'Integration Hub', to: 'integration-hub' }, { label: 'Add partner' }]} />
      <h1>Add partner</h1>
      {added ? (
        <AddedNotice added={added} />
      ) : (
        <form className="settings-form add-partner" onSubmit={(event) => void submit(event)} noValidate aria-label="Add partner">
          <p className="help form-lead">The partner gets its own Order webhook page with the URLs and API key it gave you. Once it is added, its page also offers Send test and its signing secret.</p>
          <PartnerFields draft={form.draft} saved={null} view={null} partnerId={null} errors={form.errors} endpoints={[]} onChange={form.change} />
          <BackfillFields value={backfill} error={backfillError} hooks={form.draft.hooks} thirdPartyOrders={form.draft.thirdPartyOrders} onChange={(next) => {
            setBackfill(next);
            if (backfillError) setBackfillError(backfillHoursProblem(next.hours) ?? '');
          }} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>{busy ? 'Adding…' : 'Add partner'}</button>
            <a href={HREF['integration-hub']}>Cancel</a>
            <div role="alert" className="form-error">
              {formError || (errorCount > 0 ? `Please fix ${errorCount === 1 ? 'the field' : `${errorCount} fields`} marked in red.` : '')}
            </div>
          </div>
        </form>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Add ${form.draft.name.trim()} and send ${plural(confirming.count, 'order')}?`}
          confirmLabel={`Add and send ${plural(confirming.count, 'order')}`}
          onConfirm={() => void add(confirming.since)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {plural(confirming.count, 'order')} of the last {plural(Number(backfill.hours), 'hour')} {confirming.count === 1 ? 'is' : 'are'} queued for {form.draft.name.trim()}, each check's in the order the POS sent them, ahead of its new orders. The partner receives {confirming.count === 1 ? 'it' : 'them'} as soon as it answers.
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
}
