import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, Role } from '@tally/platform';
import { userDecider, userStream } from '../../domain/user.stream';
import { ChangeRolesCommand } from './change-roles.command';
import { decideRoles } from './change-roles.decide';

/** New roles show in access tokens from the user's next login or refresh (at most one access-token lifetime). */
@CommandHandler(ChangeRolesCommand)
export class ChangeRolesHandler implements ICommandHandler<ChangeRolesCommand, { roles: Role[] }> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ChangeRolesCommand): Promise<{ roles: Role[] }> {
    const outcome = await this.runner.run(
      {
        decider: userDecider,
        streamId: userStream(command.metadata.tenantId, command.userId),
        decide: (state) => decideRoles(state, command.roles, command.grantorRoles, this.clock.now()),
      },
      command.metadata,
    );
    return { roles: [...outcome.state.roles] };
  }
}
