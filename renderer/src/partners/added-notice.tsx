// What Add partner says once the partner exists: that it was added, how many past orders were
// queued for it (or why not), and where to go next — its page, for the signing secret and Send test.
import type { SavedPartner } from '../../../shared/partners.ts';
import { plural } from '../common/format.ts';
import { HREF, deliveriesHref, partnerHref } from '../router.tsx';

export interface Added {
  partner: SavedPartner;
  hours: string;
  /** Orders queued by the backfill; null when none was asked for (or it failed). */
  queued: number | null;
  backfillError: string;
}

export function AddedNotice({ added }: { added: Added }) {
  const { partner, queued, backfillError } = added;
  return (
    <section className="panel added" role="status" aria-label="Partner added">
      <p>
        <strong>{partner.name} was added.</strong> New orders its hooks take are sent to it from now on.
        {queued !== null && ` ${plural(queued, 'order')} of the last ${plural(Number(added.hours), 'hour')} ${queued === 1 ? 'was' : 'were'} queued for it.`}
      </p>
      {backfillError && <p className="field-error">The orders from before could not be queued: {backfillError}</p>}
      <p className="button-row">
        <a href={partnerHref(partner.id)}>Open {partner.name}'s page (signing secret, Send test)</a>
        {queued !== null && queued > 0 && <a href={deliveriesHref({ partner: partner.id })}>See its deliveries</a>}
        <a href={HREF['integration-hub']}>Back to Integration Hub</a>
      </p>
    </section>
  );
}
