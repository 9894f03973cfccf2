import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public, RequestContext, RequestCtx } from '@tally/platform';
import type { TokenPair } from '../../auth/session-tokens';
import { metadataOf } from '../../http/request-metadata';
import { RefreshSessionCommand } from './refresh-session.command';
import { RefreshSessionRequest } from './refresh-session.request.dto';

@ApiTags('auth')
@Controller('api/auth')
export class RefreshSessionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('refresh')
  @Public()
  @HttpCode(200)
  refresh(@Body() body: RefreshSessionRequest, @RequestCtx() ctx: RequestContext): Promise<TokenPair> {
    return this.commands.execute(new RefreshSessionCommand(body.refreshToken, metadataOf(ctx)));
  }
}
