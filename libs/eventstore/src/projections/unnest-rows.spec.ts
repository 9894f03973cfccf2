import { arrayLiteral, inlineArray, sqlLiteral, unnestRows } from './unnest-rows';

describe('unnestRows', () => {
  it('writes one typed array literal per column, in the order the columns are listed', () => {
    const rows = unnestRows({ id: 'uuid', n: 'integer', note: 'text' }, [
      { id: 'a', n: 1, note: null },
      { id: 'b', n: -2, note: 'x' },
    ]);
    expect(rows.columns).toBe('id, n, note');
    expect(rows.select).toBe(`select * from unnest('{"a","b"}'::uuid[], '{1,-2}'::integer[], '{NULL,"x"}'::text[]) as r(id, n, note)`);
  });

  it('quotes array elements so commas, braces, quotes, spaces and backslashes survive', () => {
    expect(arrayLiteral(['a,b', '{c}', 'say "hi"', 'back\\slash', '', 'NULL', null, true, false])).toBe(
      '{"a,b","{c}","say \\"hi\\"","back\\\\slash","","NULL",NULL,t,f}',
    );
  });

  it('quotes SQL literals like pg does: doubled single quotes, an E string when a backslash is inside', () => {
    expect(sqlLiteral(`O'Brien`)).toBe(`'O''Brien'`);
    expect(sqlLiteral('a\\b')).toBe(` E'a\\\\b'`);
    expect(inlineArray([`it's`], 'text')).toBe(`'{"it''s"}'::text[]`);
  });

  it('refuses numbers PostgreSQL cannot store', () => {
    expect(() => arrayLiteral([Number.NaN])).toThrow('Cannot write NaN');
  });
});
