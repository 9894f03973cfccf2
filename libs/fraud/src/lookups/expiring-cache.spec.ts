import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  it('shares a loading promise, then answers with the settled value itself until it expires', async () => {
    const cache = new ExpiringCache<number>(1_000);
    let loads = 0;
    const load = (): Promise<number> => Promise.resolve(++loads * 10);
    const first = cache.get('k', 0, load);
    expect(first).toBeInstanceOf(Promise);
    expect(cache.get('k', 1, load)).toBe(first);
    await first;
    expect(cache.get('k', 2, load)).toBe(10);
    expect(cache.get('k', 999, load)).toBe(10);
    expect(await cache.get('k', 1_000, load)).toBe(20);
    expect(loads).toBe(2);
  });

  it('forgets a failed load, so the next caller loads again', async () => {
    const cache = new ExpiringCache<number>(1_000);
    await expect(cache.get('k', 0, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(cache.get('k', 1, () => 7)).toBe(7);
  });

  it('keeps a settled value only in the entry it was loaded for', async () => {
    const cache = new ExpiringCache<number>(1_000);
    let release!: (value: number) => void;
    const slow = cache.get('k', 0, () => new Promise<number>((resolve) => (release = resolve)));
    cache.forget('k');
    expect(cache.get('k', 1, () => 2)).toBe(2);
    release(1);
    await slow;
    expect(cache.get('k', 2, () => 3)).toBe(2);
  });
});
