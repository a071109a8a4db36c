// The delivery log: at a glance on top, then filters, the live table with cursor paging ("Page 3 of
// 28"), the detail drawer and bulk re-send. The Partner column and filter show once the store has
// more than one partner (or the log holds deliveries of a removed one).
import { useState } from 'react';
import type { Delivery } from '../../../shared/delivery.ts';
import { formatCount } from '../common/format.ts';
import type { PartnerRef } from '../glance/notices.ts';
import { Breadcrumbs } from '../common/breadcrumbs.tsx';
import { GlancePanel } from '../glance/glance-panel.tsx';
import { useStats } from '../glance/use-stats.ts';
import { BulkResendForm } from './bulk-resend-form.tsx';
import { DeliveryDrawer } from './delivery-drawer.tsx';
import { DeliveryTable } from './delivery-table.tsx';
import { LogFilters } from './log-filters.tsx';
import { filtersFrom, pageCount, useDeliveryLog } from './use-delivery-log.ts';

export function DeliveryLogPage({ query = new URLSearchParams() }: { query?: URLSearchParams }) {
  const log = useDeliveryLog(filtersFrom(query));
  const status = useStats();
  const [openId, setOpenId] = useState<number | null>(null);
  const filtered = Boolean(log.filters.partner || log.filters.state || log.filters.hook || log.filters.q);
  const items = log.page?.items ?? [];
  const partners = logPartners(status.stats?.partners ?? [], items, log.filters.partner);
  const showPartner = status.stats !== null && partners.length > 1;
  const known = pageCount(log.page);
  // The total is live and the page can run ahead of it for a moment.
  const pages = known === null ? null : Math.max(known, log.pageNumber);
  return (
    <main className="page">
      <Breadcrumbs trail={[{ label: 'Home', to: 'home' }, { label: 'Delivery log' }]} />
      <h1>Delivery log</h1>
      <GlancePanel {...status} />
      <LogFilters filters={log.filters} partners={showPartner ? partners : []} onChange={log.setFilters} />
      {log.error && (
        <div role="alert" className="load-error">
          <p>Could not load the delivery log: {log.error}</p>
          <button type="button" onClick={log.reload}>Try again</button>
        </div>
      )}
      <div className="table-wrap">
        <DeliveryTable deliveries={items} showPartner={showPartner} onOpen={setOpenId} />
        {log.page && items.length === 0 && (
          <p className="empty">{filtered ? 'No deliveries match these filters.' : 'No deliveries yet. They appear here as soon as the POS sends a check event.'}</p>
        )}
        {!log.page && !log.error && <p className="empty">Loading…</p>}
      </div>
      <Pager pageNumber={log.pageNumber} pages={pages} many={log.page !== null && log.page.total === null} hasOlder={Boolean(log.page?.nextCursor)} onNewest={log.newest} onNewer={log.newer} onOlder={log.older} />
      <BulkResendForm partners={status.stats?.partners ?? []} endpoints={status.stats?.endpoints ?? []} />
      {openId !== null && <DeliveryDrawer id={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} />}
    </main>
  );
}

/** The store's partners, plus any removed one the log (or its filter) still shows, by name. */
function logPartners(live: readonly PartnerRef[], items: readonly Delivery[], filter: string | undefined): PartnerRef[] {
  const partners: PartnerRef[] = live.map(({ id, name }) => ({ id, name }));
  for (const delivery of items) {
    if (!partners.some((p) => p.id === delivery.partnerId)) partners.push({ id: delivery.partnerId, name: `${delivery.partnerName} (removed)` });
  }
  if (filter && !partners.some((p) => p.id === filter)) partners.push({ id: filter, name: 'A removed partner' });
  return partners;
}

interface PagerProps {
  pageNumber: number;
  pages: number | null;
  /** A search matching more than 10,000: the hub does not count them all. */
  many: boolean;
  hasOlder: boolean;
  onNewest: () => void;
  onNewer: () => void;
  onOlder: () => void;
}

function Pager({ pageNumber, pages, many, hasOlder, onNewest, onNewer, onOlder }: PagerProps) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" onClick={onNewest} disabled={pageNumber === 1}>Newest</button>
      <button type="button" onClick={onNewer} disabled={pageNumber === 1}>Newer</button>
      <span aria-live="polite">{pages !== null ? `Page ${pageNumber} of ${formatCount(pages)}` : many ? `Page ${pageNumber} (more than 10,000 match)` : `Page ${pageNumber}`}</span>
      <button type="button" onClick={onOlder} disabled={!hasOlder}>Older</button>
    </nav>
  );
}
