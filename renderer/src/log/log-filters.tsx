// Filter by partner (when the store has several), state and hook (applied at once) and search by
// check number (on Enter or Search). The states that need a manager's attention are explained
// right under the filters.
import { useId, useState, type FormEvent } from 'react';
import { DELIVERY_STATES, type DeliveryState } from '../../../shared/delivery.ts';
import { HOOK_LABELS, type Hook } from '../../../shared/settings.ts';
import { HOOK_ORDER, STATE_HELP, STATE_LABELS } from '../common/words.ts';
import type { PartnerRef } from '../glance/notices.ts';
import type { LogFilters as Filters } from './use-delivery-log.ts';

const EXPLAINED: readonly DeliveryState[] = ['failed', 'dead', 'cancelled'];

interface LogFiltersProps {
  filters: Filters;
  /** Empty: the store has one partner, so there is nothing to choose. */
  partners: readonly PartnerRef[];
  onChange: (next: Filters) => void;
}

export function LogFilters({ filters, partners, onChange }: LogFiltersProps) {
  const [q, setQ] = useState(filters.q ?? '');
  const helpId = useId();
  const search = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filters, q: q.trim() || undefined });
  };
  return (
    <form className="log-filters" role="search" aria-label="Filter deliveries" onSubmit={search}>
      {partners.length > 0 && (
        <label>
          Partner
          <select value={filters.partner ?? ''} onChange={(event) => onChange({ ...filters, partner: event.target.value || undefined })}>
            <option value="">All partners</option>
            {partners.map((partner) => (
              <option key={partner.id} value={partner.id}>{partner.name}</option>
            ))}
          </select>
        </label>
      )}
      <label>
        State
        <select value={filters.state ?? ''} aria-describedby={helpId} onChange={(event) => onChange({ ...filters, state: (event.target.value || undefined) as DeliveryState | undefined })}>
          <option value="">All states</option>
          {DELIVERY_STATES.map((state) => (
            <option key={state} value={state}>{STATE_LABELS[state]}</option>
          ))}
        </select>
      </label>
      <label>
        Hook
        <select value={filters.hook ?? ''} onChange={(event) => onChange({ ...filters, hook: (event.target.value || undefined) as Hook | undefined })}>
          <option value="">All hooks</option>
          {HOOK_ORDER.map((hook) => (
            <option key={hook} value={hook}>{HOOK_LABELS[hook]}</option>
          ))}
        </select>
      </label>
      <label>
        Check number
        <input type="search" value={q} onChange={(event) => setQ(event.target.value)} maxLength={64} placeholder="e.g. 1042" />
      </label>
      <button type="submit">Search</button>
      {(filters.partner || filters.state || filters.hook || filters.q) && (
        <button
          type="button"
          onClick={() => {
            setQ('');
            onChange({});
          }}
        >
          Clear filters
        </button>
      )}
      <p id={helpId} className="help state-help">
        {EXPLAINED.map((state) => (
          <span key={state}>{`${STATE_LABELS[state]}: ${STATE_HELP[state]} `}</span>
        ))}
      </p>
    </form>
  );
}
