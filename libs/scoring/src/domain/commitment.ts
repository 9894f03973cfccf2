import { createHash } from 'node:crypto';
import { PhaseName } from './judging.events';

export interface CommittedScore {
  contestantId: string;
  scoreTypeId: string;
  value: number;
}

/**
 * The bytes a judge's lock commits to: a header line naming the contest, phase and judge, then
 * one line `contestantId,scoreTypeId,value` per score, sorted, values in JavaScript's shortest
 * round-trip form. Ids are UUIDs, so no field contains a comma or a newline.
 */
export function canonicalScores(contestId: string, phase: PhaseName, judgeId: string, scores: readonly CommittedScore[]): string {
  const lines = scores.map((score) => `${score.contestantId},${score.scoreTypeId},${String(score.value)}`).sort();
  return [`tally-jury-commitment-v1,${contestId},${phase},${judgeId}`, ...lines].join('\n');
}

/** SHA-256 (hex) of the canonical bytes, a newline and the salt: what is published at the lock. */
export function commitmentOf(canonical: string, salt: string): string {
  return createHash('sha256').update(`${canonical}\n${salt}`, 'utf8').digest('hex');
}
