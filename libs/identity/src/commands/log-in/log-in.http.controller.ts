import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public, RequestContext, RequestCtx } from '@tally/platform';
import type { TokenPair } from '../../auth/session-tokens';
import { metadataOf } from '../../http/request-metadata';
import { LogInCommand } from './log-in.command';
import { LogInRequest } from './log-in.request.dto';

@ApiTags('auth')
@Controller('api/auth')
export class LogInHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  logIn(@Body() body: LogInRequest, @RequestCtx() ctx: RequestContext): Promise<TokenPair> {
    return this.commands.execute(new LogInCommand(body.email, body.password, metadataOf(ctx)));
  }
}
