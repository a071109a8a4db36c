// One "… Order Web Hooks" row of the POS page: URL, YES/NO, Send test, and the http:// warning.
import { HOOK_LABELS, sendsKeyInClear, type Hook, type HookSettings } from '../../../shared/settings.ts';
import { plural } from '../common/format.ts';
import { TextField } from '../common/text-field.tsx';
import { fieldId } from './form-state.ts';
import { SendTest } from './send-test.tsx';
import { YesNo } from './yes-no.tsx';

export const HOOK_HELP: Record<Hook, string> = {
  close: 'When a check is closed, the closed check is sent to this URL.',
  open: 'When an order is placed online (OLO), the new check is sent to this URL.',
  update: 'On any change to a check (item added, table changed, …), the check is sent to this URL.',
};

interface HookFieldsProps {
  hook: Hook;
  /** Send test goes to this partner; null while it is being added. */
  partnerId: string | null;
  value: HookSettings;
  /** What is saved; null while the partner is being added. */
  saved: HookSettings | null;
  hasKey: boolean;
  /** Deliveries of this hook still waiting; turning it off cancels them. */
  waiting: number;
  error?: string;
  onChange: (value: HookSettings) => void;
}

export function HookFields({ hook, partnerId, value, saved, hasKey, waiting, error, onChange }: HookFieldsProps) {
  const label = HOOK_LABELS[hook];
  const path = `hooks.${hook}.url`;
  const clear = sendsKeyInClear(value.url.trim(), hasKey);
  return (
    <fieldset className="hook">
      <legend>{label}</legend>
      <TextField
        path={path}
        label="URL"
        help={HOOK_HELP[hook]}
        error={error}
        value={value.url}
        onChange={(url) => onChange({ ...value, url })}
        type="url"
        inputMode="url"
        spellCheck={false}
        autoComplete="off"
        placeholder="https://partner.example/orders"
        after={
          <>
            <YesNo legend={`${label} active`} hideLegend value={value.enabled} onChange={(enabled) => onChange({ ...value, enabled })} describedBy={`${fieldId(path)}-help`} />
            <SendTest partnerId={partnerId} hook={hook} url={value.url} savedUrl={saved?.url ?? ''} />
          </>
        }
      />
      {saved?.enabled && !value.enabled && waiting > 0 && (
        <p className="warning" role="note">
          Turning this off cancels {plural(waiting, 'waiting delivery', 'waiting deliveries')} when you save. They stay in the delivery log and can be re-sent.
        </p>
      )}
      {clear && (
        <p className="warning" role="note">
          This address starts with http://, so the API key would travel unencrypted to another computer. Ask the partner for an https:// address.
        </p>
      )}
    </fieldset>
  );
}
