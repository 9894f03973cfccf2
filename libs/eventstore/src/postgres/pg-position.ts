import { GlobalPosition } from '../event-store.port';

/** A PostgreSQL global position: the appending transaction's xid8 and the sequence value. */
export interface PgPosition {
  tx: string;
  pos: string;
}

export const PG_START: PgPosition = { tx: '0', pos: '0' };

/** `xid(20 digits):pos(19 digits)`: sorts as text in commit-visibility order (EVENTSTORE.md §1). */
export function formatPgPosition(tx: string, pos: string): GlobalPosition {
  return `${tx.padStart(20, '0')}:${pos.padStart(19, '0')}`;
}

export function parsePgPosition(position: GlobalPosition): PgPosition {
  const match = /^(\d{1,20}):(\d{1,19})$/.exec(position);
  if (!match) throw new Error(`Not a PostgreSQL event store position: "${position}"`);
  return { tx: BigInt(match[1]).toString(), pos: BigInt(match[2]).toString() };
}
