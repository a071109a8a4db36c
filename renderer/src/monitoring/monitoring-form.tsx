// The Monitoring form: where heartbeats and alerts go (URL, request header), how often, and the
// store's name as head office sees it. Validated with the shared schema before Save, hub errors on
// the same fields, Cancel back to what is saved, a warning before leaving with changes.
import { HEARTBEAT_INTERVAL, STORE_NAME_MAX, type MonitoringInput, type MonitoringView } from '../../../shared/monitoring.ts';
import { sendsKeyInClear } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { TextField } from '../common/text-field.tsx';
import { useDraftForm } from '../common/use-draft-form.ts';
import { RequestHeaderFields } from '../webhooks/request-header-fields.tsx';
import { checkMonitoringDraft, firstMonitoringError, monitoringDraftFrom } from './monitoring-draft.ts';
import { SendHeartbeat } from './send-heartbeat.tsx';

interface MonitoringFormProps {
  view: MonitoringView;
  onSaved: (view: MonitoringView) => void;
  /** Head office's status changed (a heartbeat went): reload the page's figures. */
  onSent: () => void;
}

export function MonitoringForm({ view, onSaved, onSent }: MonitoringFormProps) {
  const client = useClient();
  const { draft, change, errors, dirty, saving, notice, alert, submit, cancel } = useDraftForm({
    initial: monitoringDraftFrom(view),
    check: checkMonitoringDraft,
    firstError: firstMonitoringError,
    save: (input: MonitoringInput) => client.saveMonitoring(input),
    draftOf: monitoringDraftFrom,
    savedNotice: (next) => (next.url === '' ? 'Saved. Monitoring is off: nothing is sent to head office.' : 'Saved. A heartbeat is on its way to head office.'),
    onSaved,
  });

  const hasKey = draft.headerName.trim() !== '' && (draft.newValue !== '' || (view.requestHeader.hasValue && !draft.clearValue));
  return (
    <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate aria-label="Monitoring settings">
      <fieldset className="section">
        <legend>Heartbeat</legend>
        <TextField
          path="url"
          label="Heartbeat URL"
          help="Head office's address for this store's heartbeats and alerts. Leave empty to turn monitoring off."
          error={errors.url}
          value={draft.url}
          onChange={(url) => change({ url })}
          type="url"
          spellCheck={false}
          autoComplete="off"
          placeholder="https://head-office.example/hubs"
          after={<SendHeartbeat unsaved={dirty} onSent={onSent} />}
        />
        {sendsKeyInClear(draft.url.trim(), hasKey) && (
          <p className="warning" role="note">This address starts with http://: the API key would travel unencrypted. Use https:// unless head office is on this PC.</p>
        )}
        <div className="two-columns">
          <TextField
            path="intervalSeconds"
            label="Interval (seconds)"
            help={`How often a heartbeat goes: ${HEARTBEAT_INTERVAL.min} to ${HEARTBEAT_INTERVAL.max} seconds (${HEARTBEAT_INTERVAL.default} = every 5 minutes).`}
            error={errors.intervalSeconds}
            value={draft.intervalSeconds}
            onChange={(intervalSeconds) => change({ intervalSeconds })}
            inputMode="numeric"
            className="narrow"
          />
          <TextField
            path="storeName"
            label="Store name"
            help={`How head office sees this store, at most ${STORE_NAME_MAX} characters. Leave empty to use the computer's name.`}
            error={errors.storeName}
            value={draft.storeName}
            onChange={(storeName) => change({ storeName })}
            maxLength={STORE_NAME_MAX * 2}
          />
        </div>
      </fieldset>
      <RequestHeaderFields draft={draft} view={view} errors={errors} onChange={change} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={cancel} disabled={!dirty || saving}>
          Cancel
        </button>
        <span className="unsaved" aria-live="polite">{dirty ? 'Unsaved changes' : ''}</span>
        <div role="alert" className="form-error">{alert}</div>
        <div role="status" className="form-notice">{notice}</div>
      </div>
    </form>
  );
}
