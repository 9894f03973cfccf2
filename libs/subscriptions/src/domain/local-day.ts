/**
 * Calendar days in a subscriber's IANA time zone. A daily quota belongs to a local date, so a
 * day that is 23 or 25 hours long (a DST change) still has exactly one quota: the decision keys
 * usage by the date, never by a 24-hour window.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows the IANA zone name (Intl throws a RangeError for unknown ones). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function partsAt(instantMs: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instantMs))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

function dateAt(instantMs: number, timeZone: string): string {
  const { year, month, day } = partsAt(instantMs, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last local day computed per zone, with its bounds: every vote of that day in that zone is a range check, not an Intl call. */
const lastDays = new Map<string, { date: string; startMs: number; endMs: number }>();

/** The local date (YYYY-MM-DD) of an instant in the zone. */
export function localDay(instantMs: number, timeZone: string): string {
  const last = lastDays.get(timeZone);
  if (last && instantMs >= last.startMs && instantMs < last.endMs) return last.date;
  const date = dateAt(instantMs, timeZone);
  lastDays.set(timeZone, { date, startMs: startOfLocalDay(date, timeZone), endMs: startOfLocalDay(nextDate(date), timeZone) });
  return date;
}

/** Local wall time minus UTC at an instant, in ms (+13 h in Auckland's summer). */
function offsetAt(instantMs: number, timeZone: string): number {
  const p = partsAt(instantMs, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The first instant of a local date: 00:00 local, or the first wall time that exists when a DST
 * change skips midnight. Found by correcting a UTC guess with the zone's offset twice (the
 * offset at the guess may differ from the offset at the answer across a change).
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const wallMidnight = Date.UTC(year, month - 1, day);
  let guess = wallMidnight - offsetAt(wallMidnight, timeZone);
  guess = wallMidnight - offsetAt(guess, timeZone);
  // Midnight skipped by a DST change: the guess lands on the previous local day; the day starts when the clock jumps.
  while (dateAt(guess, timeZone) < date) guess += 15 * 60_000;
  while (dateAt(guess - 15 * 60_000, timeZone) === date) guess -= 15 * 60_000;
  return guess;
}

/** The calendar date after a YYYY-MM-DD date. */
export function nextDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** The next local midnight strictly after an instant: when the subscriber's next quota starts. */
export function nextLocalMidnight(instantMs: number, timeZone: string): number {
  return startOfLocalDay(nextDate(localDay(instantMs, timeZone)), timeZone);
}

/** The first local midnight at or after an instant (the instant itself when it is one). */
export function firstMidnightAtOrAfter(instantMs: number, timeZone: string): number {
  return startOfLocalDay(dateAt(instantMs, timeZone), timeZone) === instantMs ? instantMs : nextLocalMidnight(instantMs, timeZone);
}
