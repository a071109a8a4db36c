// One partner's Webhooks form: the POS back office fields, validated with the shared schema before
// Save, hub errors shown on the same fields, Cancel back to what is saved, a warning before
// leaving, and after Save what it did to the queue (cancelled deliveries, linked in the log).
import { useState, type FormEvent, type ReactNode } from 'react';
import type { EndpointHealth } from '../../../shared/api.ts';
import type { PartnerView, SaveEffects } from '../../../shared/partners.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText, plural } from '../common/format.ts';
import { deliveriesHref } from '../router.tsx';
import { draftFrom } from './form-state.ts';
import { PartnerFields } from './partner-fields.tsx';
import { useDraftForm } from './use-draft-form.ts';

interface SettingsFormProps {
  view: PartnerView;
  onSaved: (view: PartnerView) => void;
  /** This partner's endpoints: "N waiting will be cancelled" when a hook is turned off. */
  endpoints: readonly EndpointHealth[];
}

function SavedNotice({ partnerId, effects }: { partnerId: string; effects: SaveEffects }) {
  return (
    <>
      Saved. New events go out with these settings; waiting deliveries use them on their next attempt.
      {effects.retried > 0 && ` ${plural(effects.retried, 'waiting delivery', 'waiting deliveries')} ${effects.retried === 1 ? 'is' : 'are'} being tried again now.`}
      {effects.cancelled > 0 && (
        <>
          {' '}{plural(effects.cancelled, 'waiting delivery was', 'waiting deliveries were')} cancelled: they stay in the log and can be re-sent.{' '}
          <a href={deliveriesHref({ partner: partnerId, state: 'cancelled' })}>Show the cancelled deliveries</a>
        </>
      )}
    </>
  );
}

export function SettingsForm({ view, onSaved, endpoints }: SettingsFormProps) {
  const client = useClient();
  const form = useDraftForm(() => draftFrom(view));
  const [formError, setFormError] = useState('');
  const [notice, setNotice] = useState<ReactNode>('');
  const [saving, setSaving] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFormError('');
    setNotice('');
    const checked = form.check();
    if (!checked.ok) return;
    setSaving(true);
    try {
      const { effects, ...next } = await client.savePartner(view.id, checked.input);
      form.reset(draftFrom(next));
      setNotice(<SavedNotice partnerId={view.id} effects={effects} />);
      onSaved(next);
    } catch (error) {
      form.showHubErrors(error);
      setFormError(`Not saved: ${errorText(error)}`);
    } finally {
      setSaving(false);
    }
  };

  const cancel = () => {
    form.discard();
    setFormError('');
    setNotice('Changes discarded.');
  };

  const errorCount = Object.keys(form.errors).length;
  return (
    <form className="settings-form" onSubmit={(event) => void save(event)} noValidate aria-label="Order webhook settings">
      <PartnerFields
        draft={form.draft}
        saved={form.saved}
        view={view}
        partnerId={view.id}
        errors={form.errors}
        endpoints={endpoints}
        onChange={(patch) => {
          form.change(patch);
          setNotice('');
        }}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={cancel} disabled={!form.dirty || saving}>
          Cancel
        </button>
        <span className="unsaved" aria-live="polite">{form.dirty ? 'Unsaved changes' : ''}</span>
        <div role="alert" className="form-error">
          {formError || (errorCount > 0 ? `Please fix ${errorCount === 1 ? 'the field' : `${errorCount} fields`} marked in red.` : '')}
        </div>
        <div role="status" className="form-notice">{notice}</div>
      </div>
    </form>
  );
}
