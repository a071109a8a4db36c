// docs/openapi.json: committed as `npm run schema` writes it, valid OpenAPI 3.1 by a real validator,
// every JSON Schema in it valid draft 2020-12, and tied to the code — every route of the admin route
// table documented with the schemas the operations validate with, the router matching exactly the
// documented paths, and no answer allowing a field it does not name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { OPERATIONS } from '../../shared/client.ts';
import { ADMIN_ROUTES, findRoute } from '../../electron/hub/admin/admin-routes.ts';
import { OPENAPI_FILE, openApiText } from '../tools/write-schemas.ts';
import { createContractChecker, loadDocument, METHODS } from '../support/openapi-contract.ts';

type Json = Record<string, unknown>;
const doc = loadDocument();
const operationAt = (path: string, method: string) => (doc.paths[path]?.[method.toLowerCase()] ?? undefined) as Json | undefined;

function allOperations(): { path: string; method: string; operation: Json }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method] as Json })));
}

/** Every JSON Schema the document holds, with where it is. */
function everySchema(): [string, Json][] {
  const found: [string, Json][] = Object.entries(doc.components.schemas).map(([name, schema]) => [`components.schemas.${name}`, schema]);
  for (const { path, method, operation } of allOperations()) {
    const where = `${method.toUpperCase()} ${path}`;
    for (const param of (operation.parameters ?? []) as { name: string; schema: Json }[]) found.push([`${where} parameter ${param.name}`, param.schema]);
    for (const [status, response] of Object.entries(operation.responses as Record<string, { content?: Record<string, { schema: Json }> }>)) {
      for (const [media, content] of Object.entries(response.content ?? {})) found.push([`${where} ${status} ${media}`, content.schema]);
    }
    const body = (operation.requestBody as { content: Record<string, { schema: Json }> } | undefined)?.content['application/json'];
    if (body) found.push([`${where} request body`, body.schema]);
  }
  return found;
}

describe('docs/openapi.json', () => {
  it('is up to date with the route table and shared/ (run `npm run schema` after changing either)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiText());
  });

  it('is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator) and every reference resolves', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('holds only JSON Schemas that compile under ajv\'s strict draft 2020-12', () => {
    const contract = createContractChecker();
    const schemas = everySchema();
    expect(schemas.length).toBeGreaterThan(100);
    for (const [where, schema] of schemas) expect(() => contract.compile(schema), where).not.toThrow();
  });

  it('documents every route of the admin route table, with its status, errors and the very schemas its operation validates with', () => {
    for (const route of ADMIN_ROUTES) {
      const operation = operationAt(route.path, route.method);
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation!.operationId).toBe(route.operationId);
      const statuses = Object.keys(operation!.responses as Json).map(Number);
      expect(statuses).toContain(route.kind === 'stream' ? 200 : route.status);
      expect(statuses).toEqual(expect.arrayContaining([401, 403, ...Object.keys(route.errors).map(Number)]));
      if (route.kind === 'stream') continue;
      if (route.body) expect(statuses).toEqual(expect.arrayContaining([400, 413, 415]));
      // Reused from OPERATIONS (the IPC side of the same operations), never copied.
      const items = OPERATIONS[route.operationId as keyof typeof OPERATIONS].args.def.items as readonly unknown[];
      if (route.body) expect(items).toContain(route.body);
      for (const param of route.params) expect(items).toContain(param.schema);
    }
    const documented = allOperations().map(({ operation }) => operation.operationId).sort();
    expect(documented).toEqual([...ADMIN_ROUTES.map((route) => route.operationId), 'getHealth', 'getMetrics', 'postEvents'].sort());
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('routes exactly what it documents: each path template, with values its parameters allow, reaches its operation', () => {
    const examples: Record<string, string[]> = { integer: ['1', '9007199254740991'], 'p1|p1234567': ['p1', 'p1234567'] };
    for (const { path, method, operation } of allOperations().filter(({ path }) => path.startsWith('/api/'))) {
      const params = (operation.parameters ?? []) as { name: string; in: string; schema: { type?: string; enum?: string[] } }[];
      const valuesOf = (name: string) => {
        const schema = params.find((p) => p.name === name)!.schema;
        return schema.enum ?? (schema.type === 'integer' ? examples.integer! : examples['p1|p1234567']!);
      };
      for (const variant of [0, 1]) {
        const concrete = path.replace(/\{([a-zA-Z]+)\}/g, (_all, name: string) => valuesOf(name)[variant % valuesOf(name).length]!);
        const found = findRoute(method.toUpperCase(), concrete);
        expect(found !== null && found !== 'wrong-method' && found.route.operationId, `${method} ${concrete}`).toBe(operation.operationId);
        expect(findRoute('PATCH', concrete)).toBe('wrong-method');
      }
    }
    // Outside a parameter's schema there is no such path (404), as the document says.
    for (const path of ['/api/hooks/reopen/test', '/api/partners/x1', '/api/partners/p0', '/api/partners/p1/hooks/all/test', '/api/deliveries/abc', '/api/deliveries/-1/retry', '/api/settings/', '/api/partners/p1/extra']) {
      expect(findRoute('GET', path), path).toBeNull();
      expect(findRoute('POST', path), path).toBeNull();
    }
  });

  it('lets no answer carry a field it does not name (every answer object is closed)', () => {
    const resolve = (schema: Json): Json => (typeof schema.$ref === 'string' ? resolve(doc.components.schemas[schema.$ref.split('/').pop()!]!) : schema);
    const open: string[] = [];
    const walk = (schema: Json, where: string, seen: Set<Json>) => {
      const target = resolve(schema);
      if (seen.has(target)) return;
      seen.add(target);
      if (target.properties && target.additionalProperties !== false) open.push(where);
      for (const [key, value] of Object.entries(target)) {
        if (key === 'properties') for (const [name, inner] of Object.entries(value as Record<string, Json>)) walk(inner, `${where}.${name}`, seen);
        else if (key === 'items' || key === 'additionalProperties') { if (value && typeof value === 'object') walk(value as Json, `${where}[]`, seen); }
        else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') (value as Json[]).forEach((inner, i) => walk(inner, `${where}|${i}`, seen));
      }
    };
    for (const { path, method, operation } of allOperations()) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, { content?: Record<string, { schema: Json }> }>)) {
        const json = response.content?.['application/json'];
        if (json) walk(json.schema, `${method.toUpperCase()} ${path} ${status}`, new Set());
      }
    }
    expect(open).toEqual([]);
  });

  it('puts each path on its server and each operation behind its token', () => {
    const ingest = ['/v1/events', '/v1/health'];
    for (const [path, item] of Object.entries(doc.paths)) {
      const [server] = item.servers as { url: string; variables: Record<string, { default: string }> }[];
      expect(server!.variables.port!.default, path).toBe(ingest.includes(path) ? '8787' : '8788');
      expect(server!.url.startsWith('http://127.0.0.1:'), path).toBe(!ingest.includes(path));
    }
    const securityOf = (path: string, method: string) => operationAt(path, method)!.security;
    expect(securityOf('/v1/events', 'post')).toEqual([{ posToken: [] }]);
    expect(securityOf('/v1/health', 'get')).toEqual([]);
    expect(securityOf('/metrics', 'get')).toEqual([{ adminToken: [] }, { metricsToken: [] }]);
    expect(securityOf('/api/partners/{id}', 'delete')).toEqual([{ adminToken: [] }]);
    expect(Object.keys(doc.components.securitySchemes as Json).sort()).toEqual(['adminToken', 'metricsToken', 'posToken']);
  });
});

describe('the contract checker the contract test uses', () => {
  const answer = (status: number, json: unknown, contentType = 'application/json; charset=utf-8') =>
    ({ status, contentType, headers: new Headers(), text: JSON.stringify(json), json });

  it('passes a documented answer and fails an undocumented field, status or media type', () => {
    const contract = createContractChecker();
    expect(() => contract.check('getHealth', answer(200, { status: 'ok', version: '0.1.0' }))).not.toThrow();
    expect(() => contract.check('getHealth', answer(200, { status: 'ok', version: '0.1.0', uptime: 3 }))).toThrow(/additional properties/);
    expect(() => contract.check('getHealth', answer(200, { status: 'degraded', version: '0.1.0' }))).toThrow(/does not match/);
    expect(() => contract.check('getHealth', answer(500, { error: { code: 'internal', message: 'x', details: [] } }))).toThrow(/status 500 is not documented/);
    expect(() => contract.check('getSettings', answer(200, {}, 'text/html'))).toThrow(/media type "text\/html"/);
    expect(() => contract.check('postEvents', answer(503, { error: { code: 'unavailable', message: 'x', details: [] } }))).toThrow(/header Retry-After/);
  });
});
