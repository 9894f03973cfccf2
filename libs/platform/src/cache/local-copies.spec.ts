import { LocalCopies } from './local-copies';

describe('LocalCopies', () => {
  let now = 0;
  const copies = (capacity = 2, ttlMs = 1_000): LocalCopies => new LocalCopies(capacity, ttlMs, () => now);

  beforeEach(() => {
    now = 0;
  });

  it('keeps a copy for its TTL, no longer', () => {
    const local = copies();
    local.keep('a', { n: 1 }, local.epoch);
    now = 999;
    expect(local.find('a')).toEqual({ value: { n: 1 } });
    now = 1_000;
    expect(local.find('a')).toBeUndefined();
  });

  it('drops the least recently used copy past its capacity', () => {
    const local = copies(2);
    local.keep('a', 1, local.epoch);
    local.keep('b', 2, local.epoch);
    expect(local.find('a')).toEqual({ value: 1 });
    local.keep('c', 3, local.epoch);
    expect(local.find('b')).toBeUndefined();
    expect(local.find('a')).toEqual({ value: 1 });
    expect(local.find('c')).toEqual({ value: 3 });
  });

  it('keeps a null, and nothing computed before an invalidation arrived', () => {
    const local = copies();
    local.keep('none', null, local.epoch);
    expect(local.find('none')).toEqual({ value: null });
    const before = local.epoch;
    local.drop('other');
    local.keep('late', 'stale', before);
    expect(local.find('late')).toBeUndefined();
    local.dropAll();
    expect(local.find('none')).toBeUndefined();
  });

  it('keeps nothing with a TTL or capacity of 0 (cache off)', () => {
    for (const local of [copies(0, 1_000), copies(2, 0)]) {
      local.keep('a', 1, local.epoch);
      expect(local.find('a')).toBeUndefined();
    }
  });
});
