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
 * Decides the vote on the contest (and the voter's subscription) as this process has them
 * cached and appends it to the voter stream on condition that their streams are still at those
 * revisions (no query on the hot path). When one moved (a condition failed), reads both fresh
 * and decides again. A refusal decided on a cached contest is confirmed the same
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
      const moved = error instanceof StreamConditionFailedError;
      const unconfirmedRefusal = error instanceof DomainError && (gathered.contestFromCache || gathered.subscription.fromCache);
      if (!(moved || unconfirmedRefusal) || read >= MAX_CONTEST_READS) throw error;
    }
    gathered = await gatherer.refresh(requested, metadata, gathered);
  }
}

async function appendVote(runner: CommandRunner, { input, facts, contestCondition, subscription }: GatheredVote, metadata: CommandMetadata): Promise<CastVoteDecision> {
  let decision: CastVoteDecision | undefined;
  const decide = (voter: VoterState) => {
    decision = decideCastVote(input, facts, voter);
    return decision.kind === 'cast' ? [decision.event] : [];
  };
  // The subscription's revision is a condition only when the vote draws on its quota: a vote
  // decided on a plan, status or quota that changed meanwhile is refused by the store and decided again.
  const subscriptionCondition = subscription.condition;
  const drawsQuota = (): boolean => decision?.kind === 'cast' && decision.event.data.quota !== undefined;
  const conditions =
    contestCondition || subscriptionCondition
      ? () => [...(contestCondition ? [contestCondition] : []), ...(subscriptionCondition && drawsQuota() ? [subscriptionCondition] : [])]
      : undefined;
  await runner.run({ decider: voterDecider, streamId: voterStream(metadata.tenantId, input.userId), decide, conditions }, metadata);
  if (!decision) throw new Error('The vote decision did not run');
  return decision;
}
