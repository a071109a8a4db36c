// Holds real HTTP answers against the committed docs/openapi.json: the status must be one the
// operation documents, the media type one it lists, and a JSON body must validate against its schema
// (ajv's draft 2020-12 build, strict, with formats) — so an undocumented status or field fails.
// Also keeps which (operation, status) pairs were seen, for the coverage check.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ROOT } from './hub-process.ts';

// ajv-formats is CommonJS; its default export arrives wrapped once more under ESM interop.
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

export const OPENAPI_FILE = path.join(ROOT, 'docs', 'openapi.json');
const DEFS = 'urn:order-webhook-hub:openapi';

type Json = Record<string, unknown>;
interface MediaObject { schema: Json }
interface ResponseObject { description: string; content?: Record<string, MediaObject>; headers?: Record<string, unknown> }
export interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
  servers: { url: string }[];
  requestBody?: { content: Record<string, MediaObject> };
  responses: Record<string, ResponseObject>;
  parameters?: { name: string; in: string; required: boolean; schema: Json }[];
}

export interface RealAnswer {
  status: number;
  contentType: string;
  headers: Headers;
  text: string;
  json: unknown;
}

export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

export function loadDocument(): Json & { paths: Record<string, Json>; components: Json & { schemas: Record<string, Json>; responses: Record<string, ResponseObject> } } {
  return JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
}

const mediaType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

export function createContractChecker() {
  const doc = loadDocument();
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  // The components under one id, each `#/components/schemas/X` pointing into it.
  const local = (value: unknown): Json => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', `"${DEFS}#/$defs/`));
  ajv.addSchema({ $id: DEFS, $defs: local(doc.components.schemas) });
  const compiled = new Map<Json, ValidateFunction>();
  const validator = (schema: Json) => {
    let validate = compiled.get(schema);
    if (!validate) compiled.set(schema, (validate = ajv.compile(local(schema))));
    return validate;
  };

  const operations = new Map<string, DocumentedOperation>();
  for (const [pathTemplate, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Omit<DocumentedOperation, 'method' | 'path' | 'servers'> | undefined;
      if (operation) operations.set(operation.operationId, { ...operation, method: method.toUpperCase(), path: pathTemplate, servers: item.servers as { url: string }[] });
    }
  }
  const seen = new Map<string, Set<number>>();

  function validate(schema: Json, value: unknown, what: string): void {
    const check = validator(schema);
    if (!check(value)) throw new Error(`${what} does not match the document: ${ajv.errorsText(check.errors)}\n${JSON.stringify(value).slice(0, 2000)}`);
  }

  function holdTo(response: ResponseObject | undefined, answer: RealAnswer, what: string): void {
    if (!response) throw new Error(`${what}: status ${answer.status} is not documented (body: ${answer.text.slice(0, 300)})`);
    const media = mediaType(answer.contentType);
    const content = response.content?.[media];
    if (!content) throw new Error(`${what} ${answer.status}: media type "${media}" is not documented (documented: ${Object.keys(response.content ?? {}).join(', ') || 'none'})`);
    if (media === 'application/json') validate(content.schema, answer.json, `${what} ${answer.status} body`);
    else validate(content.schema, answer.text, `${what} ${answer.status} body`);
    for (const name of Object.keys(response.headers ?? {})) {
      if (!answer.headers.has(name)) throw new Error(`${what} ${answer.status}: the documented header ${name} is missing`);
    }
  }

  return {
    document: doc,
    operations,
    seen,
    operation(operationId: string): DocumentedOperation {
      const operation = operations.get(operationId);
      if (!operation) throw new Error(`no operation ${operationId} in ${OPENAPI_FILE}`);
      return operation;
    },
    /** Throws unless the answer is one the operation documents; records it as exercised. */
    check(operationId: string, answer: RealAnswer): void {
      const operation = this.operation(operationId);
      holdTo(operation.responses[String(answer.status)], answer, operationId);
      let statuses = seen.get(operationId);
      if (!statuses) seen.set(operationId, (statuses = new Set()));
      statuses.add(answer.status);
    },
    /** A method the path does not document: the document's MethodNotAllowed answer. */
    checkWrongMethod(pathTemplate: string, answer: RealAnswer): void {
      if (answer.status !== 405) throw new Error(`${pathTemplate}: an undocumented method got ${answer.status}, not 405`);
      holdTo(doc.components.responses.MethodNotAllowed, answer, `${pathTemplate} (wrong method)`);
    },
    /** What the hub accepted must be what the document says it takes. */
    checkRequestBody(operationId: string, body: unknown): void {
      const schema = this.operation(operationId).requestBody?.content['application/json']?.schema;
      if (!schema) throw new Error(`${operationId} documents no JSON request body`);
      validate(schema, body, `${operationId} request body`);
    },
    validateSchema(schema: Json, value: unknown, what: string): void {
      validate(schema, value, what);
    },
    /** Compiles a schema of the document (throws when it is not valid draft 2020-12 under strict mode). */
    compile(schema: Json): void {
      validator(schema);
    },
  };
}

export type ContractChecker = ReturnType<typeof createContractChecker>;
