import { ReadYourWritesError } from './read-your-writes.errors';
import { takeReadPosition } from './read-position';

const EARLY = '00000000000000000812:0000000000000004711';
const LATE = '00000000000000000813:0000000000000004712';

describe('takeReadPosition', () => {
  it('is null when the request names no position', () => {
    expect(takeReadPosition({ headers: {}, query: { limit: '5' } })).toBeNull();
  });

  it('takes the header or the query parameter, and the later of the two', () => {
    expect(takeReadPosition({ headers: { 'tally-position': EARLY } })).toBe(EARLY);
    expect(takeReadPosition({ headers: {}, query: { position: EARLY } })).toBe(EARLY);
    expect(takeReadPosition({ headers: { 'tally-position': LATE }, query: { position: EARLY } })).toBe(LATE);
  });

  it('takes the parameter off the query, so the route sees only its own fields', () => {
    const query: Record<string, unknown> = { position: EARLY, cursor: 'c' };
    takeReadPosition({ headers: {}, query });
    expect(query).toEqual({ cursor: 'c' });
  });

  it.each([['12:34'], [`${EARLY} `], [[EARLY, LATE]], ['']])('refuses %p as a field problem naming it', (value) => {
    const attempt = () => takeReadPosition({ headers: {}, query: { position: value } });
    expect(attempt).toThrow(ReadYourWritesError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'READ.INVALID_POSITION', details: { errors: [expect.objectContaining({ field: 'position' })] } }) as Error);
  });

  it('refuses a header sent twice', () => {
    expect(() => takeReadPosition({ headers: { 'tally-position': [EARLY, LATE] } })).toThrow(ReadYourWritesError);
  });
});
