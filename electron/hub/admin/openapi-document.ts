// The OpenAPI 3.1 document of both HTTP APIs (docs/openapi.json, written by `npm run schema`): the
// LAN ingest API the POS calls and the local admin API, built from the admin route table and the
// shared zod schemas the hub validates with, so it can't drift from what the hub does.
import { VERSION } from '../version.ts';
import { documentedOperations, METHOD_NOT_ALLOWED, type Answer, type DocOperation, type ErrorDoc, type Part } from './openapi-operations.ts';
import { componentSchemas, schemaFor, type JsonSchema } from './openapi-schemas.ts';
import { paramJsonSchema } from './route-table.ts';

export const OPENAPI_VERSION = '3.1.1';
const ERROR_REF = { $ref: '#/components/schemas/Error' };

const SERVERS: Record<Part, JsonSchema> = {
  ingest: {
    url: 'http://{storePc}:{port}',
    description: 'POS ingest API: every interface of the store PC (`--ingest-host`, `--ingest-port`)',
    variables: {
      storePc: { default: '127.0.0.1', description: 'the store PC\'s LAN address, as `npm run serve` prints it (`POS ingest: http://…`)' },
      port: { default: '8787' },
    },
  },
  admin: {
    url: 'http://127.0.0.1:{port}',
    description: 'Local admin API: 127.0.0.1 only (`--admin-port`)',
    variables: { port: { default: '8788' } },
  },
};

const SECURITY_SCHEMES = {
  posToken: { type: 'http', scheme: 'bearer', description: 'The POS token: shown on the Webhooks page and printed by `npm run serve` (`HUB_POS_TOKEN` presets it).' },
  adminToken: { type: 'http', scheme: 'bearer', description: 'The admin token, from the admin URL `npm run serve` prints (`…/?token=…`; `HUB_ADMIN_TOKEN` presets it).' },
  metricsToken: { type: 'http', scheme: 'bearer', description: 'The read-only metrics token (`HUB_METRICS_TOKEN`): opens `GET /metrics` and nothing else.' },
};

const DESCRIPTION = [
  'Two HTTP APIs of one store PC\'s hub. The **ingest API** (port 8787, every interface) takes the POS\'s check events; the **admin API** (127.0.0.1:8788, this PC only) is what the manager\'s screens use. Each path lists its server.',
  'Every error is `{"error": {"code", "message", "details": [{"path", "message"}]}}` (the `Error` schema) and changes nothing. Any other method on a documented path answers `405 method_not_allowed`; an undocumented path answers `404 not_found`.',
  'Answers list every field they carry and no other (`additionalProperties: false`): a generated client may rely on that.',
].join('\n\n');

function content(answer: Answer): JsonSchema {
  if (answer.media === 'application/json') return { 'application/json': { schema: schemaFor(answer.schema, 'output') } };
  return { [answer.media]: { schema: { type: 'string', description: answer.description } } };
}

function errorResponse(error: ErrorDoc): JsonSchema {
  const headers = error.headers && Object.fromEntries(Object.entries(error.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]));
  return { description: error.description, ...(headers ? { headers } : {}), content: { 'application/json': { schema: ERROR_REF } } };
}

function parameters(operation: DocOperation): JsonSchema[] {
  const path = operation.params.map((param) => {
    const { $schema: _ignored, ...schema } = paramJsonSchema(param.schema) as JsonSchema;
    return { name: param.name, in: 'path', required: true, schema };
  });
  if (!operation.query) return path;
  const query = schemaFor(operation.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  const fromQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: (query.required ?? []).includes(name), schema }));
  return [...path, ...fromQuery];
}

function operationObject(operation: DocOperation): JsonSchema {
  const params = parameters(operation);
  const responses: JsonSchema = { [operation.status]: { description: operation.summary, content: content(operation.answer) } };
  for (const [status, error] of Object.entries(operation.errors).sort(([a], [b]) => Number(a) - Number(b))) responses[status] = errorResponse(error);
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [operation.tag],
    security: operation.security.map((name) => ({ [name]: [] })),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(operation.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaFor(operation.body, 'input') } } } } : {}),
    responses,
  };
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; [section: string]: unknown };
  [field: string]: unknown;
}

export function openApiDocument(): OpenApiDocument {
  const operations = documentedOperations();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    paths[operation.path] ??= { servers: [SERVERS[operation.part]] };
    paths[operation.path]![operation.method.toLowerCase()] = operationObject(operation);
  }
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'Order Webhook Hub',
      version: VERSION,
      summary: 'POS check events in, partner webhooks out: the store PC\'s ingest and admin APIs',
      description: DESCRIPTION,
    },
    servers: [SERVERS.ingest, SERVERS.admin],
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: componentSchemas(),
      responses: { MethodNotAllowed: { description: METHOD_NOT_ALLOWED, content: { 'application/json': { schema: ERROR_REF } } } },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
