// A partner's Webhooks form: its draft, how it comes from the saved page (or starts empty for Add
// partner) and goes back as PartnerInput, and its errors keyed by the same dotted paths the hub
// answers with (`name`, `hooks.open.url`).
import { DEFAULT_MAX_AGE_HOURS, settingsInputSchema, type Hook, type HookSettings, type SettingsView } from '../../../shared/settings.ts';
import { partnerNameSchema, type PartnerInput } from '../../../shared/partners.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';
import type { Checked as FormChecked } from '../common/use-draft-form.ts';

export interface Draft {
  name: string;
  headerName: string;
  /** What the manager typed as a new value; '' keeps the stored one. */
  newValue: string;
  /** The manager asked to remove the stored value. */
  clearValue: boolean;
  hooks: Record<Hook, HookSettings>;
  thirdPartyOrders: boolean;
  maxAgeHours: string;
}

export type FieldErrors = Record<string, string>;

/** Fields in the order they appear on the page: the first one with an error gets focus. */
export const FIELD_ORDER = ['name', 'requestHeader.name', 'requestHeader.value', 'hooks.close.url', 'hooks.open.url', 'hooks.update.url', 'retry.maxAgeHours'];

export function fieldId(path: string): string {
  return `field-${path.replace(/\./g, '-')}`;
}

export function draftFrom(view: SettingsView & { name: string }): Draft {
  return {
    name: view.name,
    headerName: view.requestHeader.name,
    newValue: '',
    clearValue: false,
    hooks: { open: { ...view.hooks.open }, update: { ...view.hooks.update }, close: { ...view.hooks.close } },
    thirdPartyOrders: view.thirdPartyOrders,
    maxAgeHours: String(view.retry.maxAgeHours),
  };
}

/** Add partner: nothing set yet, every hook NO. */
export function emptyDraft(): Draft {
  const off = { url: '', enabled: false };
  return { name: '', headerName: '', newValue: '', clearValue: false, hooks: { open: { ...off }, update: { ...off }, close: { ...off } }, thirdPartyOrders: false, maxAgeHours: String(DEFAULT_MAX_AGE_HOURS) };
}

/** The value (if any) that will be sent with the header once saved. */
export function willHaveKey(draft: Draft, view: SettingsView | null): boolean {
  if (draft.headerName.trim() === '') return false;
  if (draft.newValue !== '') return true;
  return (view?.requestHeader.hasValue ?? false) && !draft.clearValue;
}

/**
 * Secrets are only sent when the manager changed them; left out, the hub keeps what it has.
 * The signing secret is never sent from here: it is generated and rotated by its own operation.
 */
export function toInput(draft: Draft): Record<string, unknown> {
  const requestHeader: { name: string; value?: string } = { name: draft.headerName };
  if (draft.newValue !== '') requestHeader.value = draft.newValue;
  else if (draft.clearValue) requestHeader.value = '';
  return {
    requestHeader,
    hooks: draft.hooks,
    thirdPartyOrders: draft.thirdPartyOrders,
    retry: { maxAgeHours: Number(draft.maxAgeHours) },
  };
}

export type Checked = FormChecked<PartnerInput>;

export function checkDraft(draft: Draft): Checked {
  const errors: FieldErrors = {};
  const hours = draft.maxAgeHours.trim();
  const hoursOk = /^\d+$/.test(hours) && Number(hours) >= 1 && Number(hours) <= 720;
  if (!hoursOk) errors['retry.maxAgeHours'] = 'Enter a whole number of hours from 1 to 720';
  // zod runs the cross-field rules (header name, URLs) only once the shape parses, so a bad retry
  // limit or name would hide them until the next Save: check the name on its own and the rest
  // without the bad retry limit, and report everything now.
  const name = partnerNameSchema.safeParse(draft.name);
  if (!name.success) errors.name = name.error.issues[0]?.message ?? 'Enter a name for this partner';
  const input = toInput(draft);
  if (!hoursOk) delete input.retry;
  const parsed = settingsInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      errors[path] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success || !name.success) return { ok: false, errors };
  return { ok: true, input: { ...parsed.data, name: name.data } };
}

/** The hub's per-field answer (400 with `details`), on the same fields; `(root)` is not a field. */
export function fieldErrorsOf(details: readonly ErrorDetail[]): FieldErrors {
  return Object.fromEntries(details.filter((detail) => detail.path !== '(root)').map((detail) => [detail.path, detail.message]));
}

export function firstErrorPath(errors: FieldErrors): string | undefined {
  return FIELD_ORDER.find((path) => errors[path]) ?? Object.keys(errors)[0];
}
