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
import { pageCount, useDeliveryLog } from './use-delivery-log.ts';

export function DeliveryLogPage() {
  const log = useDeliveryLog();
  const status = useStats();
  const [openId, setOpenId] = useState<number | null>(null);
  const filtered = Boolean(log.filters.state || log.filters.hook || log.filters.q);
  const items = log.page?.items ?? [];
  const known = pageCount(log.filters, status.stats?.counts);
  // The counts are live and the page can run ahead of them for a moment.
  const pages = known === null ? null : Math.max(known, log.pageNumber);
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
      <Pager pageNumber={log.pageNumber} pages={pages} hasOlder={Boolean(log.page?.nextCursor)} onNewest={log.newest} onNewer={log.newer} onOlder={log.older} />
      <BulkResendForm />
      {openId !== null && <DeliveryDrawer id={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} />}
    </main>
  );
}

interface PagerProps {
  pageNumber: number;
  pages: number | null;
  hasOlder: boolean;
  onNewest: () => void;
  onNewer: () => void;
  onOlder: () => void;
}

function Pager({ pageNumber, pages, hasOlder, onNewest, onNewer, onOlder }: PagerProps) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" onClick={onNewest} disabled={pageNumber === 1}>Newest</button>
      <button type="button" onClick={onNewer} disabled={pageNumber === 1}>Newer</button>
      <span aria-live="polite">{pages === null ? `Page ${pageNumber}` : `Page ${pageNumber} of ${pages}`}</span>
      <button type="button" onClick={onOlder} disabled={!hasOlder}>Older</button>
    </nav>
  );
}
