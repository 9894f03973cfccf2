import { CommandMetadata, CommandRunner, StreamConditionFailedError } from '@tally/eventstore';
import { DomainError } from '@tally/platform';
import { voterDecider, VoterState } from '../../domain/voter.state';
import { voterStream } from '../../domain/voting.streams';
import { CastVoteInput } from './cast-vote.command';
import { CastVoteDecision, decideCastVote } from './cast-vote.decide';
import { CastVoteFactsGatherer, GatheredVote } from './cast-vote.facts';

/** Contest reads per vote at most: the cached one, then fresh ones while the contest keeps moving. */
const MAX_CONTEST_READS = 4;

/**
 * Decides the vote on the contest as this process has it cached and appends it to the voter
 * stream on condition that the contest stream is still at that revision (no contest query on
 * the hot path). When the contest moved (the condition failed), reads the contest fresh and
 * decides again. A refusal decided on a cached contest is confirmed the same
 * way before it is returned: a stale cache (a contest reopened elsewhere) must never refuse a
 * vote, and a stale cache that would accept one (closed elsewhere) is caught by the condition.
 */
export async function castVoteAttempts(
  runner: CommandRunner,
  gatherer: CastVoteFactsGatherer,
  requested: CastVoteInput,
  metadata: CommandMetadata,
): Promise<CastVoteDecision> {
  let gathered = await gatherer.gather(requested, metadata);
  for (let read = 1; ; read++) {
    try {
      return await appendVote(runner, gathered, metadata);
    } catch (error) {
      const contestMoved = error instanceof StreamConditionFailedError;
      const unconfirmedRefusal = error instanceof DomainError && gathered.contestFromCache;
      if (!(contestMoved || unconfirmedRefusal) || read >= MAX_CONTEST_READS) throw error;
    }
    gathered = await gatherer.refreshContest(requested, metadata, gathered);
  }
}

async function appendVote(runner: CommandRunner, { input, facts, contestCondition }: GatheredVote, metadata: CommandMetadata): Promise<CastVoteDecision> {
  let decision: CastVoteDecision | undefined;
  const decide = (voter: VoterState) => {
    decision = decideCastVote(input, facts, voter);
    return decision.kind === 'cast' ? [decision.event] : [];
  };
  const conditions = contestCondition ? () => [contestCondition] : undefined;
  await runner.run({ decider: voterDecider, streamId: voterStream(metadata.tenantId, input.userId), decide, conditions }, metadata);
  if (!decision) throw new Error('The vote decision did not run');
  return decision;
}
