// The fields of one partner's Webhooks page, as the POS back office lists them — Request Header,
// the three hooks with URL and YES/NO, 3rd Order Web Hooks is Active, the retry limit — after the
// partner's name. Its page and Add partner both render this one component.
import type { EndpointHealth } from '../../../shared/api.ts';
import type { SettingsView } from '../../../shared/settings.ts';
import { PARTNER_NAME_MAX } from '../../../shared/partners.ts';
import { TextField } from '../common/text-field.tsx';
import { HOOK_ORDER } from '../common/words.ts';
import { willHaveKey, type Draft, type FieldErrors } from './form-state.ts';
import { HookFields } from './hook-fields.tsx';
import { RequestHeaderFields } from './request-header-fields.tsx';
import { YesNo } from './yes-no.tsx';

interface PartnerFieldsProps {
  draft: Draft;
  /** What is saved; null while adding the partner. */
  saved: Draft | null;
  view: SettingsView | null;
  /** Send test needs a saved partner; null while adding it. */
  partnerId: string | null;
  errors: FieldErrors;
  /** The partner's endpoints, for "turning this off cancels N waiting". */
  endpoints: readonly EndpointHealth[];
  onChange: (patch: Partial<Draft>) => void;
}

export function PartnerFields({ draft, saved, view, partnerId, errors, endpoints, onChange }: PartnerFieldsProps) {
  const hasKey = willHaveKey(draft, view);
  return (
    <>
      <fieldset className="section">
        <legend>Partner</legend>
        <TextField
          path="name"
          label="Partner name"
          help={`How the hub names this partner: on its card, in the delivery log and in alerts (e.g. Loyalty Co). At most ${PARTNER_NAME_MAX} characters.`}
          error={errors.name}
          value={draft.name}
          onChange={(name) => onChange({ name })}
          autoComplete="off"
        />
      </fieldset>
      <RequestHeaderFields draft={draft} view={view} errors={errors} onChange={onChange} />
      <fieldset className="section">
        <legend>Order Web Hooks</legend>
        {HOOK_ORDER.map((hook) => (
          <HookFields
            key={hook}
            hook={hook}
            partnerId={partnerId}
            value={draft.hooks[hook]}
            saved={saved?.hooks[hook] ?? null}
            hasKey={hasKey}
            waiting={endpoints.find((endpoint) => endpoint.hook === hook)?.waiting ?? 0}
            error={errors[`hooks.${hook}.url`]}
            onChange={(value) => onChange({ hooks: { ...draft.hooks, [hook]: value } })}
          />
        ))}
        <div className="third-party">
          <YesNo legend="3rd Order Web Hooks is Active" value={draft.thirdPartyOrders} onChange={(thirdPartyOrders) => onChange({ thirdPartyOrders })} describedBy="third-party-help" />
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
        <TextField path="retry.maxAgeHours" label="Retry limit (hours)" help="How long to keep retrying a delivery while the partner or the internet is down before giving up (72 h covers a long weekend)." error={errors['retry.maxAgeHours']} value={draft.maxAgeHours} onChange={(maxAgeHours) => onChange({ maxAgeHours })} inputMode="numeric" className="narrow" />
      </fieldset>
    </>
  );
}
