// `npm run schema`: rewrites the published documents from the shared validators —
// docs/pos-event.schema.json (the POS event) and docs/openapi.json (both HTTP APIs).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestJsonSchema } from '../../shared/event-json-schema.ts';
import { openApiDocument } from '../../electron/hub/admin/openapi-document.ts';

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');
export const SCHEMA_FILE = path.join(DOCS, 'pos-event.schema.json');
export const OPENAPI_FILE = path.join(DOCS, 'openapi.json');

const asText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function schemaText(): string {
  return asText(ingestJsonSchema());
}

export function openApiText(): string {
  return asText(openApiDocument());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const [file, text] of [[SCHEMA_FILE, schemaText()], [OPENAPI_FILE, openApiText()]] as const) {
    writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
