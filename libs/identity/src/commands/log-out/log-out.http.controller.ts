import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestContext, RequestCtx } from '@tally/platform';
import { selfMetadataOf } from '../../http/request-metadata';
import { LogOutCommand } from './log-out.command';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/auth')
export class LogOutHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('logout')
  @HttpCode(204)
  async logOut(@RequestCtx() ctx: RequestContext): Promise<void> {
    const { actor, metadata } = selfMetadataOf(ctx);
    await this.commands.execute(new LogOutCommand(actor.userId, actor.sessionId, metadata));
  }
}
