// How an admin route is declared — its HTTP shape, the service operation it calls, which argument
// comes from where, its answer and errors — and how the router is compiled from the declarations.
// Argument schemas are the ones shared/client.ts OPERATIONS validates IPC calls with, and a path
// template's `{param}` matches what that parameter's JSON Schema allows, so what routes is what the
// OpenAPI document (openapi-document.ts) says.
import { z } from 'zod';
import { OPERATIONS, type HubOperations, type OperationName } from '../../../shared/client.ts';
import { HttpProblem } from '../http/request-body.ts';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';
/** What a service operation itself can refuse with; reading a JSON body adds 400, 413 and 415. */
export type OperationErrorStatus = 400 | 404 | 409;

/** `'/api/partners/{id}/hooks/{hook}/test'` → `'id' | 'hook'`. */
type PathParams<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParams<Rest> : never;
/** Where one argument of the operation comes from. */
type ArgSource<Path extends string> = PathParams<Path> | 'body' | 'query';
/** A tuple of `Source` as long as `Params` (mapped over a type parameter, so it stays a tuple). */
type SourcesFor<Params extends readonly unknown[], Source> = { [K in keyof Params]: Source };

interface Described {
  path: string;
  summary: string;
  description?: string;
  tag: string;
}

export interface OperationRouteSpec<Op extends OperationName, Path extends string> extends Described {
  method: HttpMethod;
  path: Path;
  operation: Op;
  /** One source per argument of the operation, in order (the compiler checks the count and names). */
  args: SourcesFor<Parameters<HubOperations[Op]>, ArgSource<Path>>;
  /** 200 unless the route creates something. */
  status?: 200 | 201;
  /** The answer's schema; its type must be what the operation returns. */
  answer: z.ZodType<Awaited<ReturnType<HubOperations[Op]>>>;
  /** The statuses the operation answers with besides success, each with the codes behind it. */
  errors: Partial<Record<OperationErrorStatus, string>>;
}

export interface RouteInput {
  params: Record<string, string>;
  query: URLSearchParams;
  body: () => Promise<unknown>;
}

export interface PathParam {
  name: string;
  schema: z.ZodType;
}

interface CompiledRoute {
  method: HttpMethod;
  /** The OpenAPI path template. */
  path: string;
  operationId: string;
  summary: string;
  description: string | undefined;
  tag: string;
  pattern: RegExp;
  params: PathParam[];
  errors: Partial<Record<OperationErrorStatus, string>>;
}

export interface OperationRoute extends CompiledRoute {
  kind: 'operation';
  status: 200 | 201;
  query: z.ZodObject | undefined;
  body: z.ZodType | undefined;
  answer: z.ZodType;
  run(service: HubOperations, input: RouteInput): Promise<unknown>;
}

/** `GET /api/stream`: server-sent events (each `data` line a HubChange), answered by the admin server itself. */
export interface StreamRoute extends CompiledRoute {
  kind: 'stream';
}

export type AdminRoute = OperationRoute | StreamRoute;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The JSON Schema of a path parameter as the document shows it (and as the router matches it). */
export function paramJsonSchema(schema: z.ZodType): { type?: string; pattern?: string; enum?: unknown[] } {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as { type?: string; pattern?: string; enum?: unknown[] };
}

/** The regex a path segment must match: the parameter's enum, its pattern, or digits for an integer. */
function segmentPattern(schema: z.ZodType): string {
  const json = paramJsonSchema(schema);
  if (json.enum) return json.enum.map((value) => escapeRegex(String(value))).join('|');
  if (json.pattern) return json.pattern.replace(/^\^/, '').replace(/\$$/, '');
  if (json.type === 'integer') return '\\d+';
  return '[^/]+';
}

function compilePath(path: string, params: PathParam[]): RegExp {
  const byName = new Map(params.map((param) => [param.name, param]));
  const source = path.split(/(\{[a-zA-Z]+\})/).map((part) => {
    const name = /^\{([a-zA-Z]+)\}$/.exec(part)?.[1];
    if (name === undefined) return escapeRegex(part);
    const param = byName.get(name);
    if (!param) throw new Error(`${path}: {${name}} is not an argument of the route`);
    return `(?<${name}>${segmentPattern(param.schema)})`;
  }).join('');
  return new RegExp(`^${source}$`);
}

/** The schema OPERATIONS validates argument `index` of `operation` with (an optional one unwrapped). */
function argumentSchema(operation: OperationName, index: number): z.ZodType {
  const schema = (OPERATIONS[operation].args as z.ZodTuple).def.items[index] as z.ZodType | undefined;
  if (!schema) throw new Error(`${operation} has no argument ${index}`);
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

/** Non-empty query parameters, as the operation's query validator expects them. */
const queryObject = (query: URLSearchParams) => Object.fromEntries([...query.entries()].filter(([, value]) => value !== ''));

/**
 * Reads a path segment as its schema's type. One the pattern let through but the schema refuses
 * (an id of 0, or past 2^53) names nothing: 404, as for a path that matches no route.
 */
function pathReader(param: PathParam): (raw: string) => unknown {
  const integer = paramJsonSchema(param.schema).type === 'integer';
  return (raw) => {
    const parsed = param.schema.safeParse(integer ? Number(raw) : raw);
    if (!parsed.success) throw new HttpProblem(404, 'not_found', `No such ${param.name}: ${raw}`);
    return parsed.data;
  };
}

/** The operations validate their own arguments (as they do behind IPC), so they are passed on as read. */
function callOperation(service: HubOperations, operation: OperationName, args: unknown[]): Promise<unknown> {
  const method = service[operation] as (...validated: unknown[]) => Promise<unknown>;
  return method.apply(service, args);
}

export function operationRoute<Op extends OperationName, Path extends string>(spec: OperationRouteSpec<Op, Path>): OperationRoute {
  const sources = spec.args as readonly string[];
  const params = sources.flatMap((source, index) => (source === 'body' || source === 'query' ? [] : [{ name: source, schema: argumentSchema(spec.operation, index) }]));
  const bodyAt = sources.indexOf('body');
  const queryAt = sources.indexOf('query');
  const query = queryAt < 0 ? undefined : argumentSchema(spec.operation, queryAt);
  const readers = new Map(params.map((param) => [param.name, pathReader(param)]));
  if (query !== undefined && !(query instanceof z.ZodObject)) throw new Error(`${spec.operation}: a query must be an object schema`);
  return {
    kind: 'operation', method: spec.method, path: spec.path, operationId: spec.operation, summary: spec.summary, description: spec.description,
    tag: spec.tag, pattern: compilePath(spec.path, params), params, errors: spec.errors, status: spec.status ?? 200,
    query, body: bodyAt < 0 ? undefined : argumentSchema(spec.operation, bodyAt), answer: spec.answer,
    async run(service, input) {
      const args: unknown[] = [];
      for (const source of sources) {
        if (source === 'body') args.push(await input.body());
        else if (source === 'query') args.push(queryObject(input.query));
        else args.push(readers.get(source)!(input.params[source]!));
      }
      return callOperation(service, spec.operation, args);
    },
  };
}

export function streamRoute(spec: Described & { operationId: string }): StreamRoute {
  return {
    kind: 'stream', method: 'GET', path: spec.path, operationId: spec.operationId, summary: spec.summary, description: spec.description,
    tag: spec.tag, pattern: compilePath(spec.path, []), params: [], errors: {},
  };
}

/** The route for a request, 'wrong-method' when only other methods serve the path, null when none does. */
export function matchRoute(routes: readonly AdminRoute[], method: string, path: string): { route: AdminRoute; params: Record<string, string> } | 'wrong-method' | null {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method === method) return { route, params: { ...match.groups } };
  }
  return pathMatched ? 'wrong-method' : null;
}
