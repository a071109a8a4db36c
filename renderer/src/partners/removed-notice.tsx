// What a partner's page says once it was removed: how many waiting deliveries were cancelled, a
// link to them in the log (kept under the partner's name), and the way back to Integration Hub.
import type { RemovedPartner } from '../../../shared/partners.ts';
import { plural } from '../common/format.ts';
import { HREF, deliveriesHref } from '../router.tsx';

export function RemovedNotice({ removed }: { removed: RemovedPartner }) {
  return (
    <section className="panel removed" role="status" aria-label="Partner removed">
      <p>
        <strong>{removed.name} was removed.</strong> No more orders are sent to it.{' '}
        {removed.cancelled > 0
          ? `${plural(removed.cancelled, 'waiting delivery was', 'waiting deliveries were')} cancelled; they stay in the delivery log under its name.`
          : 'Nothing was waiting for it.'}
      </p>
      <p className="button-row">
        {removed.cancelled > 0 && <a href={deliveriesHref({ partner: removed.id, state: 'cancelled' })}>Show its cancelled deliveries</a>}
        <a href={HREF['integration-hub']}>Back to Integration Hub</a>
      </p>
    </section>
  );
}
