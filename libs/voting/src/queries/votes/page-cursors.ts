import { isUuid } from '@tally/platform';
import { VotingError } from '../../voting.errors';

/**
 * The cursors the vote lists hand out, checked before they reach SQL: a cursor Tally did not
 * issue is a 422 naming `cursor`, never a failed cast in PostgreSQL.
 */

/** A list of votes pages by the last vote id seen. */
export function voteCursor(cursor: string | undefined): string | undefined {
  if (cursor !== undefined && !isUuid(cursor)) throw invalidCursor();
  return cursor;
}

/** The ledger pages by `<ISO timestamp>|<transaction id>` of the last entry seen. */
export function ledgerCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [at, id, ...rest] = cursor.split('|');
  if (rest.length > 0 || !at || !isUuid(id) || !isCanonicalInstant(at)) throw invalidCursor();
  return { at, id };
}

function isCanonicalInstant(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

function invalidCursor(): VotingError {
  return new VotingError('VOTING.INVALID_INPUT', 'The cursor is not one this list handed out', { errors: [{ field: 'cursor', message: 'cursor is not valid' }] });
}
