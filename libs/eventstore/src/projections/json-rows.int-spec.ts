import { Client } from 'pg';
import { createTestDatabase, TestDatabase, TestDatabaseKind } from '@tally/platform';
import { jsonRows } from './json-rows';
import { unnestRows } from './unnest-rows';

const kinds: TestDatabaseKind[] = ['postgres', 'pglite'];

/** jsonRows and unnestRows are two spellings of one row source: the same rows must come back from both, whatever the values hold. */
describe.each(kinds)('jsonRows on %s', (kind) => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    client = new Client({ connectionString: database.url });
    await client.connect();
    for (const table of ['via_json', 'via_unnest']) {
      await client.query(`create table ${table} (id uuid primary key, note text, n integer, at timestamptz, flag boolean, facts jsonb)`);
    }
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('stores what unnestRows stores: quotes, backslashes, question marks, braces, unicode, nulls, times', async () => {
    const facts = [{ signal: 'votePattern', reason: `metronomic "gaps" \\ {cv 0.28}; isn't it? ✓`, inputs: { gapCv: 0.275, sincePurchaseMs: null } }];
    const rows = [
      { id: '01a24613-be91-73f4-b509-f60f00c49ce2', note: `O'Brien says "hi" \\ ? {a,b} ✓`, n: -7, at: '2026-12-05T12:00:28.817Z', flag: true, facts },
      { id: '01a24613-be91-73f4-b509-f60f00c49ce3', note: null, n: 0, at: '2026-12-05T12:00:28.000Z', flag: false, facts: [] },
    ];
    const columns = { id: 'uuid', note: 'text', n: 'integer', at: 'timestamptz', flag: 'boolean', facts: 'jsonb' } as const;
    const json = jsonRows(columns, rows);
    await client.query(`insert into via_json (${json.columns}) ${json.select}`);
    const unnest = unnestRows(columns, rows.map((row) => ({ ...row, facts: JSON.stringify(row.facts) })));
    await client.query(`insert into via_unnest (${unnest.columns}) ${unnest.select}`);

    const read = async (table: string) => (await client.query(`select id, note, n, at, flag, facts from ${table} order by id`)).rows as unknown[];
    const stored = await read('via_json');
    expect(stored).toEqual(await read('via_unnest'));
    expect(stored).toEqual(rows.map((row) => ({ ...row, at: new Date(row.at) })));
  });
});
