import { jsonRows } from './json-rows';

describe('jsonRows', () => {
  it('writes one JSON document and a typed column definition, in the order the columns are listed', () => {
    const rows = jsonRows({ id: 'uuid', n: 'integer', facts: 'jsonb' }, [
      { id: 'a', n: 1, facts: [{ risk: 0.5 }] },
      { id: 'b', n: -2, facts: null },
    ]);
    expect(rows.columns).toBe('id, n, facts');
    expect(rows.select).toBe(`select * from jsonb_to_recordset('[{"id":"a","n":1,"facts":[{"risk":0.5}]},{"id":"b","n":-2,"facts":null}]'::jsonb) as r(id uuid, n integer, facts jsonb)`);
  });

  it('quotes the document as a SQL literal: doubled single quotes, an E string when JSON escaped something', () => {
    expect(jsonRows({ note: 'text' }, [{ note: `O'Brien` }]).select).toContain(`'[{"note":"O''Brien"}]'::jsonb`);
    expect(jsonRows({ note: 'text' }, [{ note: 'say "hi"' }]).select).toContain(` E'[{"note":"say \\\\"hi\\\\""}]'::jsonb`);
  });

  it('refuses a missing column and numbers JSON cannot hold', () => {
    expect(() => jsonRows({ id: 'uuid', n: 'integer' }, [{ id: 'a' } as { id: string; n: number }])).toThrow('without n');
    expect(() => jsonRows({ n: 'integer' }, [{ n: Number.POSITIVE_INFINITY }])).toThrow('Cannot write Infinity');
  });
});
