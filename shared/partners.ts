// Several partners per store (contract §7): each partner is a name plus the whole Webhooks page
// of §2. The same validators run in the renderer and in the hub.
import { z } from 'zod';
import { settingsFieldsSchema, settingsRules, settingsViewSchema, hooksSchema, type StoredSettings } from './settings.ts';

export const MAX_PARTNERS = 20;
export const PARTNER_NAME_MAX = 60;
/** What an upgraded single-partner store calls its partner: the card it always had. */
export const FIRST_PARTNER_NAME = 'Order webhook';

/** Stable ids the hub assigns: p1, p2, … never reused. */
export const partnerIdSchema = z.string().regex(/^p[1-9]\d{0,6}$/, 'A partner id looks like p1, p2, …');

export const partnerNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name for this partner (e.g. Loyalty Co)')
  .max(PARTNER_NAME_MAX, `A partner name is at most ${PARTNER_NAME_MAX} characters`)
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'A partner name must be on one line');

/** `POST /api/partners` and `PUT /api/partners/{id}`: the settings document plus a name. */
export const partnerInputSchema = settingsFieldsSchema.extend({ name: partnerNameSchema }).superRefine(settingsRules);
export type PartnerInput = z.infer<typeof partnerInputSchema>;

/** `GET /api/partners/{id}`: the settings document (secrets masked) plus id and name. */
export const partnerViewSchema = settingsViewSchema.extend({ id: partnerIdSchema, name: z.string() });
export type PartnerView = z.infer<typeof partnerViewSchema>;

/** What a save did to the queue, so the page can say it ("3 waiting orders cancelled"). */
export const saveEffectsSchema = z.object({
  cancelled: z.number().int().nonnegative(),
  retried: z.number().int().nonnegative(),
});
export type SaveEffects = z.infer<typeof saveEffectsSchema>;

export const savedPartnerSchema = partnerViewSchema.extend({ effects: saveEffectsSchema });
export type SavedPartner = z.infer<typeof savedPartnerSchema>;

const isoTime = z.iso.datetime({ offset: true });

/** `POST /api/partners/{id}/backfill`: send this partner the accepted orders of a past range. */
export const backfillSchema = z
  .object({
    since: isoTime,
    until: isoTime.optional(),
    /** Count only: how many orders would queue; nothing is stored. */
    dryRun: z.boolean().optional(),
  })
  .refine((b) => b.until === undefined || Date.parse(b.until) >= Date.parse(b.since), { path: ['until'], message: '"until" must not be before "since"' });
export type BackfillInput = z.input<typeof backfillSchema>;

/** Before a partner exists: how many kept orders its routing rules would take from a range. */
export const backfillPreviewSchema = z.object({
  hooks: hooksSchema,
  thirdPartyOrders: z.boolean(),
  since: isoTime,
  until: isoTime.optional(),
});
export type BackfillPreview = z.input<typeof backfillPreviewSchema>;

export const backfillResultSchema = z.object({ queued: z.number().int().nonnegative() });
export type BackfillResult = z.infer<typeof backfillResultSchema>;

export const removedPartnerSchema = z.object({ id: partnerIdSchema, name: z.string(), cancelled: z.number().int().nonnegative() });
export type RemovedPartner = z.infer<typeof removedPartnerSchema>;

/** A partner as the hub keeps it, secrets in full. Never leaves the main process. */
export interface StoredPartner extends StoredSettings {
  id: string;
  name: string;
}
