// "Request Header": the partner's API key name and its secret value (write-only, shown masked).
import type { SettingsView } from '../../../shared/settings.ts';
import { TextField } from '../common/text-field.tsx';
import type { Draft, FieldErrors } from './form-state.ts';

/** The header's part of a page's draft: the Webhooks page's, or the Monitoring page's. */
type HeaderDraft = Pick<Draft, 'headerName' | 'newValue' | 'clearValue'>;

interface RequestHeaderFieldsProps {
  draft: HeaderDraft;
  /** What is saved; null while the partner is being added. */
  view: Pick<SettingsView, 'requestHeader'> | null;
  errors: FieldErrors;
  onChange: (patch: Partial<HeaderDraft>) => void;
}

export function RequestHeaderFields({ draft, view, errors, onChange }: RequestHeaderFieldsProps) {
  const stored = view !== null && view.requestHeader.hasValue && !draft.clearValue;
  const valueHelp = stored
    ? `Saved value: ${view?.requestHeader.value ?? ''}. Type a new value to replace it; leave empty to keep it.`
    : draft.clearValue
      ? 'The saved value will be removed when you save.'
      : 'The secret the partner gave you; sent with every webhook and never shown again in full.';
  return (
    <fieldset className="section">
      <legend>Request Header</legend>
      <div className="two-columns">
        <TextField
          path="requestHeader.name"
          label="API Key"
          help="Header name given by the partner, e.g. X-API-Key. Leave empty to send no header."
          error={errors['requestHeader.name']}
          value={draft.headerName}
          onChange={(headerName) => onChange({ headerName })}
          spellCheck={false}
          autoComplete="off"
          placeholder="X-API-Key"
        />
        <TextField
          path="requestHeader.value"
          label="Value"
          help={valueHelp}
          error={errors['requestHeader.value']}
          value={draft.newValue}
          onChange={(newValue) => onChange({ newValue, clearValue: false })}
          onPaste={(event) => {
            // A one-line input silently joins pasted lines; keep them so the manager sees the problem.
            const pasted = event.clipboardData.getData('text');
            if (!/[\r\n]/.test(pasted)) return;
            event.preventDefault();
            onChange({ newValue: draft.newValue + pasted, clearValue: false });
          }}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          placeholder={stored ? view?.requestHeader.value : ''}
          after={
            stored ? (
              <button type="button" onClick={() => onChange({ newValue: '', clearValue: true })}>
                Remove
              </button>
            ) : undefined
          }
        />
      </div>
    </fieldset>
  );
}
