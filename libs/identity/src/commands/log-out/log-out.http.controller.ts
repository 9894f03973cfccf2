import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTenantAuth } from '@tally/platform';
import { RequestContext, RequestCtx } from '@tally/platform';
import { selfMetadataOf } from '../../http/self-metadata';
import { LogOutCommand } from './log-out.command';

@ApiTags('auth')
@ApiTenantAuth()
@Controller('api/auth')
export class LogOutHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out: end this session at once' })
  @ApiNoContentResponse({ description: "The session's access and refresh tokens stop working." })
  async logOut(@RequestCtx() ctx: RequestContext): Promise<void> {
    const { actor, metadata } = selfMetadataOf(ctx);
    await this.commands.execute(new LogOutCommand(actor.userId, actor.sessionId, metadata));
  }
}
