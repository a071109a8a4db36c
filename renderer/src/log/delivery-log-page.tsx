// The delivery log: at a glance on top, then filters, the live table with cursor paging, the
// detail drawer and bulk re-send.
import { useState } from 'react';
import { Breadcrumbs } from '../common/breadcrumbs.tsx';
import { GlancePanel } from '../glance/glance-panel.tsx';
import { useStats } from '../glance/use-stats.ts';
import { BulkResendForm } from './bulk-resend-form.tsx';
import { DeliveryDrawer } from './delivery-drawer.tsx';
import { DeliveryTable } from './delivery-table.tsx';
import { LogFilters } from './log-filters.tsx';
import { useDeliveryLog } from './use-delivery-log.ts';

export function DeliveryLogPage() {
  const log = useDeliveryLog();
  const status = useStats();
  const [openId, setOpenId] = useState<number | null>(null);
  const filtered = Boolean(log.filters.state || log.filters.hook || log.filters.q);
  const items = log.page?.items ?? [];
  return (
    <main className="page">
      <Breadcrumbs trail={[{ label: 'Home', to: 'home' }, { label: 'Delivery log' }]} />
      <h1>Delivery log</h1>
      <GlancePanel {...status} />
      <LogFilters filters={log.filters} onChange={log.setFilters} />
      {log.error && (
        <div role="alert" className="load-error">
          <p>Could not load the delivery log: {log.error}</p>
          <button type="button" onClick={log.reload}>Try again</button>
        </div>
      )}
      <div className="table-wrap">
        <DeliveryTable deliveries={items} onOpen={setOpenId} />
        {log.page && items.length === 0 && (
          <p className="empty">{filtered ? 'No deliveries match these filters.' : 'No deliveries yet. They appear here as soon as the POS sends a check event.'}</p>
        )}
        {!log.page && !log.error && <p className="empty">Loading…</p>}
      </div>
      <nav className="pager" aria-label="Pages">
        <button type="button" onClick={log.newer} disabled={log.pageNumber === 1}>Newer</button>
        <span>Page {log.pageNumber}</span>
        <button type="button" onClick={log.older} disabled={!log.page?.nextCursor}>Older</button>
      </nav>
      <BulkResendForm />
      {openId !== null && <DeliveryDrawer id={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} />}
    </main>
  );
}
