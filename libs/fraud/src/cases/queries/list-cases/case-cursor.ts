import { isUuid } from '@tally/platform';
import { FraudError } from '../../../fraud.errors';

/**
 * The queue pages newest first by `<held at, ISO>|<case id>` of the last case seen; a cursor
 * Tally did not hand out is a 422 naming `cursor`, never a failed cast in PostgreSQL.
 */
export function parseCaseCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [at, id, ...rest] = cursor.split('|');
  const time = Date.parse(at ?? '');
  if (rest.length > 0 || !isUuid(id) || Number.isNaN(time) || new Date(time).toISOString() !== at) {
    throw new FraudError('FRAUD.INVALID_INPUT', 'The cursor is not one this list handed out', { errors: [{ field: 'cursor', message: 'cursor is not valid' }] });
  }
  return { at, id };
}

export const caseCursor = (heldAt: string, caseId: string): string => `${heldAt}|${caseId}`;
