// The hub's refusals about partners in words a manager can act on (409 partner_limit, 409
// last_partner, 404 for a partner removed meanwhile); anything else as the hub said it.
import { HubError } from '../../../shared/client.ts';
import { MAX_PARTNERS } from '../../../shared/partners.ts';
import { errorText } from '../common/format.ts';

export function partnerErrorText(error: unknown): string {
  if (error instanceof HubError) {
    switch (error.code) {
      case 'partner_limit':
        return `This store already has ${MAX_PARTNERS} partners, the most it can have. Remove one it no longer uses, then add this one.`;
      case 'last_partner':
        return 'This is the store’s only partner, so it can’t be removed. To stop sending orders, set its hooks to NO and save.';
      case 'not_found':
        return 'This partner no longer exists: it may have been removed in another window. Go back to Integration Hub.';
    }
  }
  return errorText(error);
}
