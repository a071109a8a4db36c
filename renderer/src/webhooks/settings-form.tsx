// The Webhooks form: POS back office fields, validated with the shared schema before Save, hub
// errors shown on the same fields, Cancel back to what is saved, and a warning before leaving.
import { useEffect, useState, type FormEvent } from 'react';
import { HubError } from '../../../shared/client.ts';
import type { EndpointHealth } from '../../../shared/api.ts';
import type { SettingsView } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText } from '../common/format.ts';
import { TextField } from '../common/text-field.tsx';
import { useUnsavedGuard } from '../router.tsx';
import { checkDraft, draftFrom, fieldId, firstErrorPath, isDirty, willHaveKey, type Draft, type FieldErrors } from './form-state.ts';
import { HookFields } from './hook-fields.tsx';
import { RequestHeaderFields } from './request-header-fields.tsx';
import { YesNo } from './yes-no.tsx';

interface SettingsFormProps {
  view: SettingsView;
  onSaved: (view: SettingsView) => void;
  /** For "N waiting will be cancelled" when a hook is turned off. */
  endpoints: EndpointHealth[];
}

export function SettingsForm({ view, onSaved, endpoints }: SettingsFormProps) {
  const client = useClient();
  const [saved, setSaved] = useState<Draft>(() => draftFrom(view));
  const [draft, setDraft] = useState<Draft>(saved);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const dirty = isDirty(draft, saved);
  useUnsavedGuard(dirty);

  useEffect(() => {
    const path = firstErrorPath(errors);
    if (focusTick > 0 && path) document.getElementById(fieldId(path))?.focus();
    // Keyed on the tick alone: focus moves when a save attempt fails, not while typing.
  }, [focusTick]);

  const change = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setNotice('');
    // Once errors are showing, they follow the typing so a fixed field turns back to normal.
    if (Object.keys(errors).length > 0) {
      const checked = checkDraft(next);
      setErrors(checked.ok ? {} : checked.errors);
    }
  };
  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    setFocusTick((tick) => tick + 1);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFormError('');
    setNotice('');
    const checked = checkDraft(draft);
    if (!checked.ok) return showErrors(checked.errors);
    setSaving(true);
    try {
      const next = await client.saveSettings(checked.input);
      const fresh = draftFrom(next);
      setSaved(fresh);
      setDraft(fresh);
      setErrors({});
      setNotice('Saved. New events go out with these settings; waiting deliveries use them on their next attempt.');
      onSaved(next);
    } catch (error) {
      if (error instanceof HubError && error.details.length > 0) {
        showErrors(Object.fromEntries(error.details.map((detail) => [detail.path, detail.message])));
      }
      setFormError(`Not saved: ${errorText(error)}`);
    } finally {
      setSaving(false);
    }
  };

  const cancel = () => {
    setDraft(saved);
    setErrors({});
    setFormError('');
    setNotice('Changes discarded.');
  };

  const hasKey = willHaveKey(draft, view);
  const errorCount = Object.keys(errors).length;
  return (
    <form className="settings-form" onSubmit={(event) => void save(event)} noValidate aria-label="Order webhook settings">
      <RequestHeaderFields draft={draft} view={view} errors={errors} onChange={change} />
      <fieldset className="section">
        <legend>Order Web Hooks</legend>
        {(['close', 'open', 'update'] as const).map((hook) => (
          <HookFields key={hook} hook={hook} value={draft.hooks[hook]} saved={saved.hooks[hook]} hasKey={hasKey} waiting={endpoints.find((endpoint) => endpoint.hook === hook)?.waiting ?? 0} error={errors[`hooks.${hook}.url`]} onChange={(value) => change({ hooks: { ...draft.hooks, [hook]: value } })} />
        ))}
        <div className="third-party">
          <YesNo legend="3rd Order Web Hooks is Active" value={draft.thirdPartyOrders} onChange={(thirdPartyOrders) => change({ thirdPartyOrders })} describedBy="third-party-help" />
          <p id="third-party-help" className="help">
            When an order is placed at the POS terminal, it is sent to the Open Order Web Hooks URL.
          </p>
          {draft.thirdPartyOrders && (draft.hooks.open.url.trim() === '' || !draft.hooks.open.enabled) && (
            <p className="warning" role="note">
              POS terminal orders go to the Open Order Web Hooks URL: {draft.hooks.open.url.trim() === '' ? 'enter that URL' : 'it is set to NO, but POS orders are still sent there'}.
            </p>
          )}
        </div>
      </fieldset>
      <fieldset className="section">
        <legend>Retries</legend>
        <TextField path="retry.maxAgeHours" label="Retry limit (hours)" help="How long to keep retrying a delivery while the partner or the internet is down before giving up (72 h covers a long weekend)." error={errors['retry.maxAgeHours']} value={draft.maxAgeHours} onChange={(maxAgeHours) => change({ maxAgeHours })} inputMode="numeric" className="narrow" />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={cancel} disabled={!dirty || saving}>
          Cancel
        </button>
        <span className="unsaved" aria-live="polite">{dirty ? 'Unsaved changes' : ''}</span>
        <div role="alert" className="form-error">
          {formError || (errorCount > 0 ? `Please fix ${errorCount === 1 ? 'the field' : `${errorCount} fields`} marked in red.` : '')}
        </div>
        <div role="status" className="form-notice">{notice}</div>
      </div>
    </form>
  );
}
