// The Monitoring form's draft, how it comes from the saved page and goes back as MonitoringInput,
// and its errors keyed by the dotted paths the hub answers with (`requestHeader.name`).
import { monitoringInputSchema, type MonitoringInput, type MonitoringView } from '../../../shared/monitoring.ts';
import type { FieldErrors } from '../webhooks/form-state.ts';
import type { Checked } from '../common/use-draft-form.ts';

export interface MonitoringDraft {
  url: string;
  headerName: string;
  /** What the manager typed as a new value; '' keeps the stored one. */
  newValue: string;
  /** The manager asked to remove the stored value. */
  clearValue: boolean;
  intervalSeconds: string;
  storeName: string;
}

/** Fields in the order they appear on the page: the first one with an error gets focus. */
export const MONITORING_FIELD_ORDER = ['url', 'requestHeader.name', 'requestHeader.value', 'intervalSeconds', 'storeName'];

export function monitoringDraftFrom(view: MonitoringView): MonitoringDraft {
  return {
    url: view.url, headerName: view.requestHeader.name, newValue: '', clearValue: false,
    intervalSeconds: String(view.intervalSeconds), storeName: view.storeName,
  };
}

/** Secrets go only when changed; the signing secret never from here (it has its own Generate/Rotate). */
export function monitoringInputOf(draft: MonitoringDraft): Record<string, unknown> {
  const requestHeader: { name: string; value?: string } = { name: draft.headerName };
  if (draft.newValue !== '') requestHeader.value = draft.newValue;
  else if (draft.clearValue) requestHeader.value = '';
  const interval = draft.intervalSeconds.trim();
  return { url: draft.url, requestHeader, intervalSeconds: interval === '' ? Number.NaN : Number(interval), storeName: draft.storeName };
}

export function checkMonitoringDraft(draft: MonitoringDraft): Checked<MonitoringInput> {
  const parsed = monitoringInputSchema.safeParse(monitoringInputOf(draft));
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[issue.path.map(String).join('.')] ??= issue.message;
  return { ok: false, errors };
}

export function firstMonitoringError(errors: FieldErrors): string | undefined {
  return MONITORING_FIELD_ORDER.find((path) => errors[path]) ?? Object.keys(errors)[0];
}
