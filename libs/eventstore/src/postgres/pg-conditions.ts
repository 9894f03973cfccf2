import { StreamCondition } from '../event-store.port';

/**
 * Append conditions as the parallel arrays es_append_if takes (revision -1: no stream). Refuses
 * what is a caller's bug rather than a conflict: a condition on the appended stream itself
 * (that is the expected revision's job) and a revision that is not a whole number ≥ 0.
 */
export function conditionsToSql(streamId: string, conditions: readonly StreamCondition[] | undefined): { streams: string[]; revisions: number[] } {
  const streams: string[] = [];
  const revisions: number[] = [];
  for (const condition of conditions ?? []) {
    if (condition.streamId === streamId) throw new Error(`A condition on ${streamId} itself: use the expected revision instead`);
    const { revision } = condition;
    if (revision !== 'no_stream' && (!Number.isSafeInteger(revision) || revision < 0)) {
      throw new Error(`Invalid condition revision ${String(revision)} on ${condition.streamId}`);
    }
    streams.push(condition.streamId);
    revisions.push(revision === 'no_stream' ? -1 : revision);
  }
  return { streams, revisions };
}
