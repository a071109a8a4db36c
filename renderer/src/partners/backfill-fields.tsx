// "Also send the orders of the last [N] hours" on Add partner, with how many orders that queues —
// counted by the hub (previewBackfill) with the hooks as the form holds them, refreshed as they change.
import { useEffect, useId, useState } from 'react';
import type { Hook, HookSettings } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText, plural } from '../common/format.ts';
import { fieldId } from '../webhooks/form-state.ts';

/** The outbox keeps accepted events for 30 days: a backfill reaches back that far at most. */
export const BACKFILL_MAX_HOURS = 30 * 24;

export interface Backfill {
  on: boolean;
  hours: string;
}

export function backfillHoursProblem(hours: string): string | null {
  const text = hours.trim();
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= BACKFILL_MAX_HOURS) return null;
  return `Enter a whole number of hours from 1 to ${BACKFILL_MAX_HOURS} (the hub keeps orders for 30 days)`;
}

export function backfillSince(hours: string, now = Date.now()): string {
  return new Date(now - Number(hours.trim()) * 3_600_000).toISOString();
}

interface BackfillFieldsProps {
  value: Backfill;
  error?: string;
  hooks: Record<Hook, HookSettings>;
  thirdPartyOrders: boolean;
  onChange: (value: Backfill) => void;
}

export function BackfillFields({ value, error, hooks, thirdPartyOrders, onChange }: BackfillFieldsProps) {
  const client = useClient();
  const checkboxId = useId();
  const [preview, setPreview] = useState('');
  const hooksKey = JSON.stringify(hooks);

  useEffect(() => {
    if (!value.on || backfillHoursProblem(value.hours)) return setPreview('');
    let current = true;
    setPreview('Counting the orders…');
    // Typing the hours or a URL changes the count: ask once the manager pauses.
    const timer = setTimeout(() => {
      client.previewBackfill({ hooks, thirdPartyOrders, since: backfillSince(value.hours) }).then(
        ({ queued }) => current && setPreview(queued === 0 ? 'No order of that time would go to this partner: its hooks set to YES take none of them.' : `${plural(queued, 'order')} would be queued for this partner, each check's in the order the POS sent them.`),
        (failure: unknown) => current && setPreview(`Could not count the orders: ${errorText(failure)}`),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // hooksKey stands for `hooks`: a new object with the same hooks must not count again.
  }, [client, value.on, value.hours, hooksKey, thirdPartyOrders]);

  const hoursId = fieldId('backfill.hours');
  return (
    <fieldset className="section backfill">
      <legend>Orders from before</legend>
      <p className={`backfill-line${error ? ' has-error' : ''}`}>
        {/* The checkbox reads "Also send the orders of the last 24 hours" (the number from its field),
            the field "Also send the orders of the last … hours". */}
        <input id={checkboxId} type="checkbox" checked={value.on} aria-labelledby={`${checkboxId}-label ${hoursId} ${checkboxId}-unit`} onChange={(event) => onChange({ ...value, on: event.target.checked })} />
        <label id={`${checkboxId}-label`} htmlFor={checkboxId}>Also send the orders of the last</label>
        <input
          id={hoursId}
          className="narrow"
          inputMode="numeric"
          aria-labelledby={`${checkboxId}-label ${checkboxId}-unit`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hoursId}-error` : undefined}
          value={value.hours}
          onChange={(event) => onChange({ on: true, hours: event.target.value })}
        />
        <span id={`${checkboxId}-unit`}>hours</span>
      </p>
      {error && <p id={`${hoursId}-error`} className="field-error">{error}</p>}
      <p className="help">The orders the POS sent in that time, which this partner's hooks set to YES take, are queued for it as soon as it is added.</p>
      {value.on && <p role="status" className="backfill-preview">{preview}</p>}
    </fieldset>
  );
}
