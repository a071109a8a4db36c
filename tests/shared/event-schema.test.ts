// The published JSON Schema must match the validator the hub runs, and accept/reject like it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, schemaText } from '../tools/write-schemas.ts';

describe('docs/pos-event.schema.json', () => {
  it('is up to date with shared/event.ts (run `npm run schema` after changing the event schema)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });

  it('documents the required fields and the batch form', () => {
    const text = readFileSync(SCHEMA_FILE, 'utf8');
    for (const field of ['eventId', 'occurredAt', 'checkId', 'checkNumber', 'events', 'check.closed', 'OLO']) expect(text).toContain(field);
  });
});
