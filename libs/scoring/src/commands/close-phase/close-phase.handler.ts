import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { judgingDecider } from '../../domain/judging.state';
import { judgingStream } from '../../domain/judging.streams';
import { ScoringFacts } from '../../facts/scoring-facts';
import { blendedSnapshotItems } from '../../ranking/snapshot-items';
import { ClosePhaseCommand, ClosePhaseResult } from './close-phase.command';
import { decideClosePhase } from './close-phase.decide';

@CommandHandler(ClosePhaseCommand)
export class ClosePhaseHandler implements ICommandHandler<ClosePhaseCommand, ClosePhaseResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: ScoringFacts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: ClosePhaseCommand): Promise<ClosePhaseResult> {
    const contest = await this.facts.contest(metadata.tenantId, input.contestId);
    const votes = await this.facts.votes(metadata.tenantId, input.contestId);
    const snapshotId = uuidv7();
    const now = this.clock.now();
    await this.runner.run(
      { decider: judgingDecider, streamId: judgingStream(metadata.tenantId, input.contestId), decide: (state) => decideClosePhase(input, snapshotId, blendedSnapshotItems(state, contest, votes), state, now) },
      metadata,
    );
    return { phase: input.phase, snapshotId };
  }
}
