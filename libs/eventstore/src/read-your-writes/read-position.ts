import { POSITION_HEADER, POSITION_PATTERN, POSITION_QUERY } from '@tally/platform';
import { GlobalPosition } from '../event-store.port';
import { ReadYourWritesError } from './read-your-writes.errors';

export interface RequestWithPosition {
  headers: Record<string, string | string[] | undefined>;
  query?: unknown;
}

/**
 * The position a read must wait for, from the Tally-Position header or `?position=`, or null.
 * The query parameter is taken off the request: the routes' own query DTOs refuse unknown fields.
 */
export function takeReadPosition(request: RequestWithPosition): GlobalPosition | null {
  const header = request.headers[POSITION_HEADER.toLowerCase()];
  const query = request.query !== null && typeof request.query === 'object' ? (request.query as Record<string, unknown>) : undefined;
  const parameter = query?.[POSITION_QUERY];
  if (query && POSITION_QUERY in query) delete query[POSITION_QUERY];
  const positions = [valid(header, POSITION_HEADER), valid(parameter, POSITION_QUERY)].filter((position): position is GlobalPosition => position !== null);
  if (positions.length === 0) return null;
  return positions.reduce((latest, position) => (position > latest ? position : latest));
}

function valid(value: unknown, field: string): GlobalPosition | null {
  if (value === undefined) return null;
  if (typeof value === 'string' && POSITION_PATTERN.test(value)) return value;
  const message = `${field} must be a position a write answered with in ${POSITION_HEADER}`;
  throw new ReadYourWritesError('READ.INVALID_POSITION', message, { errors: [{ field, message }] });
}
