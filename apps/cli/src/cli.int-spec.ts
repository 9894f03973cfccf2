import { PassThrough } from 'node:stream';
import { TestingModule } from '@nestjs/testing';
import { createTestDatabase, TestDatabase } from '@tally/platform';
import { Pool } from 'pg';
import { EVENT_STORE, EventStore } from '@tally/eventstore';
// The projections library's test fixtures are not part of its public surface.
// eslint-disable-next-line no-restricted-imports
import { CountingProjection } from '../../../libs/eventstore/src/projections/testing/counting.projection';
// eslint-disable-next-line no-restricted-imports
import { appendTestEvents, readModel, startProjectionApp, waitUntilReadable } from '../../../libs/eventstore/src/projections/testing/projection-test-kit';
import { runCli } from './cli';

/** The CLI's commands against a real database, with the test projection registered. */
describe('tally CLI', () => {
  let database: TestDatabase;
  let pool: Pool;
  let app: TestingModule;
  let prefix: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    pool = new Pool({ connectionString: database.url, max: 2 });
    prefix = 'pcli-';
    const started = await startProjectionApp(database, {
      run: false,
      name: 'cli_counting',
      prefix,
      env: { PROJECTIONS_MAX_ATTEMPTS: '1' },
    });
    app = started.app;
    await appendTestEvents(started.store, prefix, 2, 6);
    await waitUntilReadable(started.store, prefix, 12);
  });

  afterAll(async () => {
    await app.close();
    await pool.end();
    await database.drop();
  });

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out = new PassThrough();
    const err = new PassThrough();
    const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
    out.on('data', (chunk: Buffer) => chunks.out.push(chunk));
    err.on('data', (chunk: Buffer) => chunks.err.push(chunk));
    const code = await runCli(argv, { env: {}, io: { out, err, interactive: false }, createApp: async () => app });
    return { code, out: Buffer.concat(chunks.out).toString(), err: Buffer.concat(chunks.err).toString() };
  }

  it('prints help, and refuses unknown commands and missing arguments with exit code 2', async () => {
    expect((await cli()).out).toContain('projections:rebuild <name>');
    expect(await cli('nope')).toMatchObject({ code: 2 });
    expect(await cli('projections:rebuild')).toMatchObject({ code: 2 });
    expect((await cli('projections:rebuild', '--bogus', 'x')).code).toBe(2);
    expect(await cli('projections:rebuild', 'no_such_projection')).toMatchObject({ code: 2, err: expect.stringContaining('Unknown projection "no_such_projection"') });
  });

  it('lists projections with their lag, rebuilds one, and shows the result', async () => {
    const before = JSON.parse((await cli('projections:list', '--json')).out) as { name: string; eventsBehind: number; position: string | null }[];
    expect(before.find((status) => status.name === 'cli_counting')).toMatchObject({ eventsBehind: 12, position: null });
    expect((await cli('projections:list')).out).toMatch(/cli_counting\s+v1\s+0\s+12\s/);

    const rebuilt = await cli('projections:rebuild', 'cli_counting', '--json');
    expect(rebuilt.code).toBe(0);
    expect(JSON.parse(rebuilt.out)).toMatchObject({ projection: 'cli_counting', processed: 12, parked: 0 });
    expect(await readModel(pool)).toMatchObject({ rows: 12, distinct: 12 });
    const after = JSON.parse((await cli('projections:list', '--json')).out) as { name: string; eventsBehind: number; eventsProcessed: number }[];
    expect(after.find((status) => status.name === 'cli_counting')).toMatchObject({ eventsBehind: 0, eventsProcessed: 12 });
  });

  it('lists parked events and replays one', async () => {
    const projection = app.get(CountingProjection);
    const [poison] = await app.get<EventStore>(EVENT_STORE).readAll({ filter: projection.filter, maxCount: 1 });
    projection.hooks.poison.add(poison.id);
    expect((await cli('projections:rebuild', 'cli_counting', '--fresh')).code).toBe(0);
    const listed = await cli('projections:dead-letters', 'cli_counting', '--json');
    const letters = JSON.parse(listed.out) as { id: string; eventId: string }[];
    expect(letters).toHaveLength(1);
    expect(letters[0].eventId).toBe(poison.id);
    expect((await cli('projections:dead-letters')).out).toContain(letters[0].id);

    projection.hooks.poison.clear();
    expect(await cli('projections:replay-dead-letter', letters[0].id)).toMatchObject({ code: 0, out: expect.stringContaining('Replayed TestHappened') });
    expect((await cli('projections:dead-letters', 'cli_counting')).out).toContain('No parked events.');
    expect(await readModel(pool)).toMatchObject({ rows: 12, distinct: 12 });
  });

  it('replays a stream for auditors, as text or one JSON object per line', async () => {
    const text = await cli('stream:replay', `${prefix}t1.s0`);
    expect(text.code).toBe(0);
    expect(text.out.match(/^#\d+ TestHappened v1/gm)).toHaveLength(6);
    expect(text.out).toContain('correlation c-0');
    const json = await cli('stream:replay', `${prefix}t1.s1`, '--json', '--from', '4');
    const lines = json.out.trim().split('\n').map((line) => JSON.parse(line) as { revision: number; streamId: string });
    expect(lines.map((line) => line.revision)).toEqual([4, 5]);
    expect(await cli('stream:replay', 'nope-x.y')).toMatchObject({ code: 2, err: expect.stringContaining('Stream not found') });
  });
});
