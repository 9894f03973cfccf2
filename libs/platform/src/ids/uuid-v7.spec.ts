import { isUuid, uuidv7 } from './uuid-v7';

describe('uuidv7', () => {
  it('mints RFC 9562 version 7 ids that sort by creation order', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    expect(ids.every(isUuid)).toBe(true);
    expect(ids.every((id) => id[14] === '7' && '89ab'.includes(id[19]))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the millisecond timestamp in its first 48 bits', () => {
    const at = Date.parse('2030-05-01T12:00:00Z');
    const id = uuidv7(at + 10_000_000);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(at);
  });
});
