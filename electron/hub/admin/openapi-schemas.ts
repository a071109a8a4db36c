// The JSON Schemas of the OpenAPI document, converted from the shared zod schemas with zod 4's
// `z.toJSONSchema` (draft 2020-12, which OpenAPI 3.1 uses). Bodies are described as the hub reads
// them (`io: 'input'`: unknown fields are allowed, the hub drops or keeps them); answers as it
// writes them (`io: 'output'`: `additionalProperties: false`, so a field the document does not name
// is a defect a contract test catches). Named schemas become `components.schemas` entries.
import { z } from 'zod';
import { connectionInfoSchema, endpointHealthSchema, hubChangeSchema, queuedSchema, revealedSchema, statsSchema, testResultSchema } from '../../../shared/api.ts';
import { bulkResendSchema, deliveryDetailSchema, deliveryPageSchema, deliverySchema } from '../../../shared/delivery.ts';
import { errorBodySchema } from '../../../shared/errors.ts';
import { eventBatchSchema, ingestBodySchema, ingestHealthSchema, ingestResultSchema, posEventSchema } from '../../../shared/event.ts';
import { monitoringInputSchema, monitoringViewSchema } from '../../../shared/monitoring.ts';
import {
  backfillPreviewSchema, backfillResultSchema, backfillSchema, partnerInputSchema, partnerViewSchema, removedPartnerSchema, savedPartnerSchema, savedSettingsSchema,
} from '../../../shared/partners.ts';
import { settingsInputSchema, settingsViewSchema } from '../../../shared/settings.ts';

export type JsonSchema = Record<string, unknown>;
export type Direction = 'input' | 'output';

/** What the hub writes: every answer of both APIs. */
const ANSWERS = {
  Error: errorBodySchema, IngestResult: ingestResultSchema, Health: ingestHealthSchema,
  SettingsView: settingsViewSchema, SavedSettings: savedSettingsSchema, TestResult: testResultSchema, Revealed: revealedSchema,
  PartnerView: partnerViewSchema, SavedPartner: savedPartnerSchema, RemovedPartner: removedPartnerSchema, BackfillResult: backfillResultSchema,
  EndpointHealth: endpointHealthSchema, Delivery: deliverySchema, DeliveryDetail: deliveryDetailSchema, DeliveryPage: deliveryPageSchema,
  Queued: queuedSchema, Stats: statsSchema, ConnectionInfo: connectionInfoSchema, MonitoringView: monitoringViewSchema, HubChange: hubChangeSchema,
} satisfies Record<string, z.ZodType>;

/** What the hub reads: every request body. */
const BODIES = {
  IngestBody: ingestBodySchema, EventBatch: eventBatchSchema, PosEvent: posEventSchema,
  SettingsInput: settingsInputSchema, PartnerInput: partnerInputSchema, BackfillPreview: backfillPreviewSchema, BackfillInput: backfillSchema,
  BulkResend: bulkResendSchema, MonitoringInput: monitoringInputSchema,
} satisfies Record<string, z.ZodType>;

const REF_PREFIX = '#/components/schemas/';

function registryOf(named: Record<string, z.ZodType>) {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  return registry;
}

const registries = { input: registryOf(BODIES), output: registryOf(ANSWERS) };

/** `$schema` and zod's `$id` belong to stand-alone schemas, not to ones inside a document. */
function embedded(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** Every named schema, answers and bodies, with references between them as `#/components/schemas/…`. */
export function componentSchemas(): Record<string, JsonSchema> {
  const all: Record<string, JsonSchema> = {};
  for (const io of ['output', 'input'] as const) {
    const { schemas } = z.toJSONSchema(registries[io], { target: 'draft-2020-12', io, uri: (id) => `${REF_PREFIX}${id}` });
    for (const [id, schema] of Object.entries(schemas)) all[id] = embedded(schema as JsonSchema);
  }
  return all;
}

/** Rewrites zod's local `#/$defs/X` references to the document's components. */
function withComponentRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withComponentRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [
    key, key === '$ref' && typeof inner === 'string' ? inner.replace(/^#\/\$defs\//, REF_PREFIX) : withComponentRefs(inner),
  ]));
}

/**
 * The schema for one place in the document: a reference when it is a named component, otherwise
 * its own JSON Schema in which named parts are references (an array of partners, a query parameter).
 */
export function schemaFor(schema: z.ZodType, io: Direction): JsonSchema {
  const id = registries[io].get(schema)?.id;
  if (id !== undefined) return { $ref: `${REF_PREFIX}${id}` };
  const { $defs: _defs, ...json } = embedded(z.toJSONSchema(schema, { target: 'draft-2020-12', io, metadata: registries[io] }) as JsonSchema);
  return withComponentRefs(json) as JsonSchema;
}
