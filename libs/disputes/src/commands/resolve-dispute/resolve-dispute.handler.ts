import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { disputeDecider } from '../../domain/dispute.state';
import { disputeStream } from '../../domain/dispute.streams';
import { DisputeEffects } from '../../effects/dispute-effects';
import { ResolveDisputeCommand, ResolveDisputeResult } from './resolve-dispute.command';
import { decideResolveDispute } from './resolve-dispute.decide';

/**
 * The resolution is appended first (the case's expected revision picks one winner among parallel
 * requests), then its effect runs at once so the answer can report it. Should the process stop in
 * between, DisputeEffectsReactor applies it from the log; the effect's id makes either run count once.
 */
@CommandHandler(ResolveDisputeCommand)
export class ResolveDisputeHandler implements ICommandHandler<ResolveDisputeCommand, ResolveDisputeResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly effects: DisputeEffects,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: ResolveDisputeCommand): Promise<ResolveDisputeResult> {
    const now = this.clock.now();
    const { events } = await this.runner.run({ decider: disputeDecider, streamId: disputeStream(metadata.tenantId, input.caseId), decide: (state) => decideResolveDispute(input, state, now) }, metadata);
    const [event] = events;
    if (event?.type !== 'DisputeCaseResolved') throw new Error(`Resolving case ${input.caseId} appended no resolution`);
    const resolved = event.data;
    const outcome = await this.effects.apply(resolved, metadata);
    return { caseId: input.caseId, status: 'resolved', resolution: resolved.resolution, effect: resolved.effect, outcome, resolvedAt: resolved.at };
  }
}
