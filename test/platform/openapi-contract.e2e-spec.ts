import { METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { BEARER_SCHEME, IS_PUBLIC, REQUIRED_ROLES, Role, TENANT_SCHEME } from '@tally/platform';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The document the app serves is the API's contract for every client (docs/API.md). This test
 * reads it as a client would (GET /api/docs-json) and holds each operation to the same bar,
 * so a route added later without its docs fails here rather than in someone's generated client.
 * Access is compared with the metadata the global auth guard reads, so docs cannot drift from it.
 */

/** Routes that serve no tenant: the probes and the provider webhooks (tenant in the path or none). */
const TENANT_FREE = [/^\/health\//, /^\/\.well-known\//, /^\/api\/tenants\/by-domain\//, /^\/api\/payments\/webhook(\/|$)/, /^\/api\/subscriptions\/webhook(\/|$)/];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;
const PROBLEM_JSON = 'application/problem+json';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
  additionalProperties?: boolean | Schema;
}
/** A body that is a file (an uploaded logo): declared as binary under each of its media types, none of them JSON. */
function isBinaryUpload(op: Operation): boolean {
  const media = Object.entries(op.requestBody?.content ?? {});
  return media.length > 0 && media.every(([type, { schema }]) => type !== 'application/json' && schema?.type === 'string' && schema.format === 'binary');
}

interface Media {
  schema?: Schema;
}
interface Response {
  description?: string;
  content?: Record<string, Media>;
}
interface Operation {
  operationId?: string;
  summary?: string;
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, Response>;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
}

/** What the guard enforces and the handler takes, by operationId (Nest's `Controller_method`). */
interface RouteFacts {
  isPublic: boolean;
  roles: Role[];
  takesBody: boolean;
}

function routeFacts(t: TestApp): Map<string, RouteFacts> {
  const reflector = new Reflector();
  const facts = new Map<string, RouteFacts>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler)) continue;
        const targets = [handler, controller];
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, unknown>;
        facts.set(`${controller.name}_${name}`, {
          isPublic: reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true,
          roles: reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [],
          takesBody: Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.BODY}:`)),
        });
      }
    }
  }
  return facts;
}

function operations(doc: Document): { path: string; method: string; op: Operation; label: string }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ path, method, op: item[method], label: `${method.toUpperCase()} ${path}` }] : [])),
  );
}

/** Follows $refs (and allOf) to the properties a schema ends up with. */
function propertiesOf(doc: Document, schema: Schema | undefined, depth = 0): string[] {
  if (!schema || depth > 10) return [];
  if (schema.$ref) return propertiesOf(doc, resolve(doc, schema.$ref), depth + 1);
  const own = Object.keys(schema.properties ?? {});
  const composed = (schema.allOf ?? []).flatMap((part) => propertiesOf(doc, part, depth + 1));
  return [...own, ...composed];
}

/** A schema that says something: properties, an item type, an alternative, an enum or a scalar type. */
function isDescribed(doc: Document, schema: Schema | undefined): boolean {
  if (!schema) return false;
  if (schema.$ref) return isDescribed(doc, resolve(doc, schema.$ref));
  if (schema.oneOf?.length || schema.anyOf?.length) return [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].every((part) => isDescribed(doc, part));
  if (schema.type === 'array') return isDescribed(doc, schema.items);
  if (schema.type === 'object' || schema.type === undefined) return propertiesOf(doc, schema).length > 0 || typeof schema.additionalProperties === 'object';
  return true;
}

function resolve(doc: Document, ref: string): Schema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const segment of ref.slice(2).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node as Schema | undefined;
}

function allRefs(node: unknown, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(node)) return node.flatMap((child, index) => allRefs(child, `${at}/${index}`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [{ ref: value, at }] : allRefs(value, `${at}/${key}`)));
}

describe('OpenAPI document (GET /api/docs-json)', () => {
  let t: TestApp;
  let doc: Document;
  let facts: Map<string, RouteFacts>;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200).expect('Content-Type', /json/)).body as Document;
    facts = routeFacts(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is a structurally sound OpenAPI 3 document', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([BEARER_SCHEME, TENANT_SCHEME].sort());
    const unresolved = allRefs(doc).filter(({ ref }) => resolve(doc, ref) === undefined);
    expect(unresolved).toEqual([]);
    const ids = operations(doc).map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const undeclaredSchemes = operations(doc).flatMap(({ op, label }) =>
      (op.security ?? []).flatMap((requirement) => Object.keys(requirement).filter((scheme) => !(scheme in doc.components.securitySchemes)).map((scheme) => `${label}: ${scheme}`)),
    );
    expect(undeclaredSchemes).toEqual([]);
    const undeclaredPathParams = operations(doc).flatMap(({ path, op, label }) =>
      [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).filter((name) => !(op.parameters ?? []).some((p) => p.in === 'path' && p.name === name)).map((name) => `${label}: ${name}`),
    );
    expect(undeclaredPathParams).toEqual([]);
  });

  it('has no empty schema component', () => {
    const empty = Object.entries(doc.components.schemas)
      .filter(([, schema]) => !isDescribed(doc, schema))
      .map(([name]) => name);
    expect(empty).toEqual([]);
  });

  it('documents every route the app serves', () => {
    const documented = new Set(operations(doc).map(({ op }) => op.operationId));
    // The metrics scrape is excluded on purpose (internal network, text/plain).
    const routes = [...facts.keys()].filter((id) => !id.startsWith('MetricsController_'));
    expect(routes.filter((id) => !documented.has(id))).toEqual([]);
  });

  it('gives every operation a summary, bodies with properties, a 2xx schema and problem+json errors', () => {
    const failures: string[] = [];
    for (const { op, label } of operations(doc)) {
      const fact = facts.get(op.operationId ?? '');
      if (!op.operationId) failures.push(`${label}: no operationId`);
      if (!op.summary?.trim()) failures.push(`${label}: no summary`);

      if ((fact?.takesBody || op.requestBody) && !isBinaryUpload(op)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (propertiesOf(doc, schema).length === 0) failures.push(`${label}: request body without a schema with properties`);
      }

      const responses = Object.entries(op.responses ?? {});
      const successes = responses.filter(([status]) => /^2\d\d$/.test(status));
      if (successes.length === 0) failures.push(`${label}: no 2xx response`);
      for (const [status, response] of successes) {
        if (status === '204') {
          if (response.content) failures.push(`${label}: 204 with a body`);
          continue;
        }
        const media = Object.values(response.content ?? {});
        if (status === '202' && media.length === 0) continue;
        if (media.length === 0 || !media.every((m) => isDescribed(doc, m.schema))) failures.push(`${label}: ${status} without a described schema`);
      }

      const errors = responses.filter(([status]) => /^[45]\d\d$/.test(status));
      if (errors.length === 0) failures.push(`${label}: no error response`);
      for (const [status, response] of errors) {
        const problem = response.content?.[PROBLEM_JSON]?.schema?.$ref;
        if (problem !== '#/components/schemas/Problem') failures.push(`${label}: ${status} is not application/problem+json with the Problem schema`);
        if (!response.description?.trim()) failures.push(`${label}: ${status} without a description`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('declares the security the guard enforces and the tenant header where a tenant is served', () => {
    const failures: string[] = [];
    for (const { path, op, label } of operations(doc)) {
      const fact = facts.get(op.operationId ?? '');
      if (!fact) {
        failures.push(`${label}: no route behind operationId ${op.operationId}`);
        continue;
      }
      const requirements = op.security ?? [];
      const bearer = requirements.some((requirement) => BEARER_SCHEME in requirement);
      const tenant = requirements.length > 0 && requirements.every((requirement) => TENANT_SCHEME in requirement);
      const tenantScoped = !TENANT_FREE.some((pattern) => pattern.test(path));
      if (!fact.isPublic && !bearer) failures.push(`${label}: the guard wants a token, the document does not say so`);
      if (fact.isPublic && bearer) failures.push(`${label}: public route documented as needing a token`);
      if (!fact.isPublic && !op.responses?.['401']) failures.push(`${label}: authenticated route without a 401`);
      if (fact.roles.length > 0 && !op.responses?.['403']) failures.push(`${label}: role-restricted route without a 403`);
      if (tenantScoped && !tenant) failures.push(`${label}: tenant-scoped route without the tenant header`);
      if (!tenantScoped && requirements.some((requirement) => TENANT_SCHEME in requirement)) failures.push(`${label}: tenant-free route asks for a tenant`);
    }
    expect(failures).toEqual([]);
  });

  it('serves Swagger UI', async () => {
    const page = await t.http().get('/api/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger-ui');
  });
});

