import { Controller, Delete, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestContext, RequestCtx, Roles } from '@tally/platform';
import { metadataOf, selfMetadataOf } from '../../http/request-metadata';
import { EraseUserCommand } from './erase-user.command';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class EraseUserHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** GDPR erasure of the caller's own account. */
  @Delete('me')
  @HttpCode(204)
  async eraseMe(@RequestCtx() ctx: RequestContext): Promise<void> {
    const { actor, metadata } = selfMetadataOf(ctx);
    await this.commands.execute(new EraseUserCommand(actor.userId, metadata));
  }

  /** GDPR erasure on request, by the tenant's organizer. */
  @Delete(':userId')
  @Roles('organizer')
  @HttpCode(204)
  async erase(@Param('userId', new ParseUUIDPipe()) userId: string, @RequestCtx() ctx: RequestContext): Promise<void> {
    await this.commands.execute(new EraseUserCommand(userId, metadataOf(ctx)));
  }
}
