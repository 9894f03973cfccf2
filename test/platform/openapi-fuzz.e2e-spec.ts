import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { BAD_PATH_VALUES, BAD_QUERY_VALUES, BadValue, badValuesFor, NON_OBJECT_BODIES, randomBadValues } from '../support/fuzz/bad-values';
import { Operation, operationsOf, Schema } from '../support/fuzz/openapi-operations';
import { Fixtures, isInvalid, plausible, plausibleObject } from '../support/fuzz/schema-values';
import { RefusalAudit } from '../support/fuzz/refusal-audit';
import { stateFingerprint } from '../support/state-fingerprint';
import { ADMIN, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/**
 * Refusals that record something by design, each with its reason; every other refusal must
 * leave the event log and the directly written tables as they were.
 */
const RECORDING_REFUSALS: Record<string, { status: number; why: string }> = {
  'POST /api/auth/login': { status: 401, why: 'a failed login is recorded for the lockout (SPEC: account lockout after failed attempts)' },
};

/** A 5xx that is the designed answer: the provider keeps the delivery and retries once a secret is configured. */
const DESIGNED_UNAVAILABLE = 'https://tally.dev/problems/webhook-not-configured';

/** Fixed so that a failure reproduces: the same cases, the same random values, every run. */
const SEED = 20_261_104;
/** Random values drawn per field (for the admin; guards stop the others early). */
const RANDOM_VALUES_PER_FIELD = 1;
/** Catalogue values tried per field with a voter's or no token (the admin gets all of them). */
const SAMPLED_VALUES_PER_FIELD = 4;

interface Identity {
  name: 'anonymous' | 'voter' | 'admin';
  token?: string;
}

/** One request: where its input is wrong, and whether the document says it must be refused. */
interface FuzzCase {
  label: string;
  invalid: boolean;
  pathWire?: Record<string, string>;
  query?: string;
  json?: unknown;
  raw?: string;
}

/**
 * Derives hostile requests from the app's own OpenAPI document, for every operation, with no
 * token, a voter's and a platform admin's; fails on any 5xx, any 2xx to a request the document
 * (and the global rules of docs/architecture.md) says is invalid, any error that is not
 * problem+json, and any change to the event log or the directly written tables from a refused
 * request. It grows with the document: each schema, format, bound or parameter declared there
 * becomes more cases and stricter expectations.
 */
describe('OpenAPI-driven fuzz', () => {
  let k: VotingE2e;
  let fixtures: Fixtures;
  let identities: Identity[];
  let operations: Operation[];

  beforeAll(async () => {
    // With a Stripe webhook secret the webhooks check signatures (400) instead of answering 503 not-configured.
    k = await startVotingE2e({ STRIPE_WEBHOOK_SECRET: 'whsec_fuzzfuzzfuzzfuzzfuzz' });
    const { eventId, contestants } = await k.openEvent({ contestants: ['Ada', 'Bob'] });
    const voter = await k.voter();
    await k.grant(voter.userId, 5);
    const vote = await k.vote(voter.token, contestants[0], 1);
    if (vote.status !== 201) throw new Error(`vote ${vote.status}`);
    // Ids in paths and bodies point at a user nobody fuzzes with, so no request can lock out the fuzzer.
    const victim = await k.voter();
    const admin = await k.call('post', '/api/auth/login', undefined, ADMIN);
    fixtures = { eventId, contestantId: contestants[0], voteId: (vote.body as { voteId: string }).voteId, userId: victim.userId, tenantId: k.t.tenantId, tenant: 'demo' };
    identities = [{ name: 'anonymous' }, { name: 'voter', token: voter.token }, { name: 'admin', token: (admin.body as { accessToken: string }).accessToken }];
    operations = operationsOf((await k.t.http().get('/api/docs-json').expect(200)).body);
  });

  afterAll(async () => {
    await k?.close();
  });

  it('answers every hostile request without a 5xx, a 2xx to invalid input or a change from a refusal', async () => {
    const failures: string[] = [];
    const audit = await RefusalAudit.start(() => stateFingerprint(k.t.app), failures);
    const statuses: Record<number, number> = {};
    const started = Date.now();

    const check = async (operation: Operation, identity: Identity, fuzz: FuzzCase): Promise<number> => {
      // Only a request that may be accepted can change the state on purpose: settle the account first.
      if (!fuzz.invalid) await audit.verify();
      const response = await send(operation, identity, fuzz);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      const where = `${operation.id} as ${identity.name}, ${fuzz.label}`;
      if (response.status >= 500 && (response.body as { type?: string }).type !== DESIGNED_UNAVAILABLE) failures.push(`${where}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
      if (response.status < 300 && fuzz.invalid) failures.push(`${where}: ${response.status} to an invalid request`);
      if (response.status >= 400 && !String(response.headers['content-type']).includes('application/problem+json')) failures.push(`${where}: ${response.status} is not problem+json`);
      if (response.status < 400 || RECORDING_REFUSALS[operation.id]?.status === response.status) await audit.changedOnPurpose();
      else audit.refused(`${where} → ${response.status}`);
      return response.status;
    };

    for (const operation of operations) {
      for (const identity of identities) {
        for (const [index, fuzz] of casesFor(operation, identity).entries()) {
          const status = await check(operation, identity, fuzz);
          // The guard refuses this identity whatever the input: the rest would test nothing new.
          if (index === 1 && (status === 401 || status === 403)) break;
        }
        await audit.verify();
      }
    }
    const sent = Object.values(statuses).reduce((sum, count) => sum + count, 0);
    process.stdout.write(`openapi fuzz: ${operations.length} operations, ${sent} requests, seed ${SEED}, ${Date.now() - started} ms, statuses ${JSON.stringify(statuses)}\n`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(operations.length * 10);
    // It grows with the document (every operation, three identities): bounded generously, not by jest's default.
  }, 600_000);

  function casesFor(operation: Operation, identity: Identity): FuzzCase[] {
    const seed = SEED + hash(`${operation.id}|${identity.name}`);
    return [...bodyCases(operation, identity, seed), ...pathCases(operation), ...queryCases(operation)];
  }

  function bodyCases(operation: Operation, identity: Identity, seed: number): FuzzCase[] {
    if (!operation.body) {
      // Undeclared bodies (raw webhooks) get garbage only without a token: a bodiless POST such
      // as logout would otherwise succeed and spend the fuzzer's own session.
      if (operation.method === 'get' || operation.method === 'delete' || identity.token) return [];
      return NON_OBJECT_BODIES.map(({ kind, raw }) => ({ label: `raw body ${kind}`, invalid: false, raw }));
    }
    const base = plausibleObject(operation.body, fixtures);
    const cases: FuzzCase[] = NON_OBJECT_BODIES.map(({ kind, raw }) => ({ label: `body ${kind}`, invalid: true, raw }));
    if ((operation.body.required ?? []).length > 0) cases.push({ label: 'empty object', invalid: true, json: {} });
    if (Object.keys(operation.body.properties ?? {}).length > 0 && operation.body.additionalProperties === undefined) {
      cases.push({ label: 'unknown field', invalid: true, json: { ...base, $where: '1 == 1' } });
    }
    for (const [path, schema] of fieldsOf(operation.body)) {
      for (const bad of valuesFor(identity, schema, seed + hash(path.join('.')))) {
        cases.push({ label: `${path.join('.')}=${bad.kind}`, invalid: isInvalid(bad.value, schema, path[path.length - 1]), json: withValue(base, operation.body, path, bad.value) });
      }
    }
    return cases;
  }

  function pathCases(operation: Operation): FuzzCase[] {
    return operation.parameters
      .filter((parameter) => parameter.in === 'path')
      .flatMap((parameter) =>
        BAD_PATH_VALUES.map(({ kind, wire, alwaysInvalid }) => ({
          label: `path ${parameter.name}=${kind}`,
          invalid: alwaysInvalid || parameter.schema.format === 'uuid' || /Id$/.test(parameter.name),
          pathWire: { [parameter.name]: wire },
        })),
      );
  }

  function queryCases(operation: Operation): FuzzCase[] {
    const declared = operation.parameters.filter((parameter) => parameter.in === 'query');
    const names = declared.length > 0 ? declared : operation.method === 'get' ? [{ name: 'cursor', schema: {} as Schema }, { name: 'limit', schema: {} as Schema }] : [];
    return names.flatMap(({ name, schema }) =>
      BAD_QUERY_VALUES.map(({ kind, wire, alwaysInvalid }) => ({
        label: `query ${name}=${kind}`,
        // A parameter the document does not declare may be ignored by its route: then nothing is invalid.
        invalid: declared.length > 0 && kind !== 'repeated' && (alwaysInvalid || schema.format === 'uuid' || /Id$/.test(name) || schema.enum !== undefined),
        query: `${name}=${wire.replace('$name', name)}`,
      })),
    );
  }

  /** Every catalogue value for the admin, plus random ones; a seeded sample for the others. */
  function valuesFor(identity: Identity, schema: Schema, seed: number): BadValue[] {
    const catalogue = badValuesFor(schema.type);
    if (identity.name !== 'admin') return fc.sample(fc.shuffledSubarray(catalogue, { minLength: SAMPLED_VALUES_PER_FIELD, maxLength: SAMPLED_VALUES_PER_FIELD }), { seed, numRuns: 1 })[0];
    return [...catalogue, ...randomBadValues(seed, RANDOM_VALUES_PER_FIELD)];
  }

  async function send(operation: Operation, identity: Identity, fuzz: FuzzCase): Promise<Response> {
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => fuzz.pathWire?.[name] ?? encodeURIComponent(String(plausible({}, name, fixtures))));
    let request = k.t.http()[operation.method](fuzz.query ? `${path}?${fuzz.query}` : path).set('X-Tenant-Id', 'demo').set('Idempotency-Key', randomUUID());
    if (identity.token) request = request.set('Authorization', `Bearer ${identity.token}`);
    if (fuzz.raw !== undefined) return request.set('Content-Type', 'application/json').send(fuzz.raw);
    if (fuzz.json !== undefined) return request.set('Content-Type', 'application/json').send(JSON.stringify(fuzz.json));
    return request;
  }
});

/** Top-level fields and the fields of nested objects, as paths. */
function fieldsOf(schema: Schema, prefix: string[] = []): [string[], Schema][] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]): [string[], Schema][] => {
    const path = [...prefix, name];
    const nested = property.type === 'object' || property.properties ? fieldsOf(property, path) : [];
    return [[path, property], ...(prefix.length === 0 ? nested : [])];
  });
}

/** The plausible body with one field (at any depth) replaced; parents are created plausibly. */
function withValue(base: Record<string, unknown>, schema: Schema, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...base, [head]: value };
  const child = schema.properties?.[head] ?? {};
  const current = base[head];
  const parent = typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
  return { ...base, [head]: withValue(parent, child, rest, value) };
}

function hash(text: string): number {
  let value = 0;
  for (let index = 0; index < text.length; index++) value = (value * 31 + text.charCodeAt(index)) | 0;
  return Math.abs(value);
}
