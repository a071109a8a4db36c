// The Webhooks form's draft, how it comes from the saved settings and goes back as SettingsInput,
// and its errors keyed by the same dotted paths the hub answers with (`hooks.open.url`).
import { settingsInputSchema, type Hook, type HookSettings, type SettingsInput, type SettingsView } from '../../../shared/settings.ts';

export interface Draft {
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
export const FIELD_ORDER = ['requestHeader.name', 'requestHeader.value', 'hooks.close.url', 'hooks.open.url', 'hooks.update.url', 'retry.maxAgeHours'];

export function fieldId(path: string): string {
  return `field-${path.replace(/\./g, '-')}`;
}

export function draftFrom(view: SettingsView): Draft {
  return {
    headerName: view.requestHeader.name,
    newValue: '',
    clearValue: false,
    hooks: { open: { ...view.hooks.open }, update: { ...view.hooks.update }, close: { ...view.hooks.close } },
    thirdPartyOrders: view.thirdPartyOrders,
    maxAgeHours: String(view.retry.maxAgeHours),
  };
}

export function isDirty(draft: Draft, saved: Draft): boolean {
  return JSON.stringify(draft) !== JSON.stringify(saved);
}

/** The value (if any) that will be sent with the header once saved. */
export function willHaveKey(draft: Draft, view: SettingsView): boolean {
  if (draft.headerName.trim() === '') return false;
  if (draft.newValue !== '') return true;
  return view.requestHeader.hasValue && !draft.clearValue;
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

export type Checked = { ok: true; input: SettingsInput } | { ok: false; errors: FieldErrors };

export function checkDraft(draft: Draft): Checked {
  const errors: FieldErrors = {};
  const hours = draft.maxAgeHours.trim();
  const hoursOk = /^\d+$/.test(hours) && Number(hours) >= 1 && Number(hours) <= 720;
  if (!hoursOk) errors['retry.maxAgeHours'] = 'Enter a whole number of hours from 1 to 720';
  // zod runs the cross-field rules (header name, URLs) only once the shape parses, so a bad retry
  // limit would hide them until the next Save: check the rest without it, report everything now.
  const input = toInput(draft);
  if (!hoursOk) delete input.retry;
  const parsed = settingsInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      errors[path] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

export function firstErrorPath(errors: FieldErrors): string | undefined {
  return FIELD_ORDER.find((path) => errors[path]) ?? Object.keys(errors)[0];
}
