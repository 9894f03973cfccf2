import { isTimeZone, localDay, nextLocalMidnight, startOfLocalDay } from './local-day';

describe('local days', () => {
  it('names the local date of an instant in the zone', () => {
    expect(localDay(Date.parse('2026-03-01T12:00:00Z'), 'Pacific/Auckland')).toBe('2026-03-02');
    expect(localDay(Date.parse('2026-03-01T04:59:59Z'), 'America/New_York')).toBe('2026-02-28');
    expect(localDay(Date.parse('2026-03-01T05:00:00Z'), 'America/New_York')).toBe('2026-03-01');
  });

  it('finds local midnight on both sides of a DST change', () => {
    // New York springs forward on 2026-03-08 (a 23-hour day) and falls back on 2026-11-01 (25 hours).
    expect(new Date(startOfLocalDay('2026-03-08', 'America/New_York')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(startOfLocalDay('2026-03-09', 'America/New_York')).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(new Date(startOfLocalDay('2026-11-01', 'America/New_York')).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(new Date(startOfLocalDay('2026-11-02', 'America/New_York')).toISOString()).toBe('2026-11-02T05:00:00.000Z');
    // Auckland ends daylight time on 2026-04-05 (25 hours) and starts it on 2026-09-27 (23 hours).
    expect(new Date(startOfLocalDay('2026-04-05', 'Pacific/Auckland')).toISOString()).toBe('2026-04-04T11:00:00.000Z');
    expect(new Date(startOfLocalDay('2026-04-06', 'Pacific/Auckland')).toISOString()).toBe('2026-04-05T12:00:00.000Z');
    expect(new Date(startOfLocalDay('2026-09-28', 'Pacific/Auckland')).toISOString()).toBe('2026-09-27T11:00:00.000Z');
  });

  it('starts a day whose midnight a DST change skips when the clock jumps', () => {
    // Santiago springs forward at 00:00 → 01:00 (first Sunday of September 2026: the 6th).
    const start = startOfLocalDay('2026-09-06', 'America/Santiago');
    expect(localDay(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDay(start - 1000, 'America/Santiago')).toBe('2026-09-05');
  });

  it('gives each local day of a year exactly one midnight, 23, 24 or 25 hours apart', () => {
    for (const zone of ['America/New_York', 'Pacific/Auckland', 'UTC', 'Asia/Kolkata']) {
      let at = Date.parse('2026-01-01T00:00:00Z');
      const lengths = new Set<number>();
      for (let i = 0; i < 366; i++) {
        const next = nextLocalMidnight(at, zone);
        expect(localDay(next, zone) > localDay(at, zone)).toBe(true);
        if (i > 0) lengths.add((next - at) / 3_600_000);
        at = next;
      }
      expect([...lengths].every((hours) => hours === 23 || hours === 24 || hours === 25)).toBe(true);
    }
  });

  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('Pacific/Auckland')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
