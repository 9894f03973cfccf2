import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, CommandMetadata, Public, RequestMetadata } from '@tally/platform';
import { TokenPairResponse } from '../../http/token-pair.response.dto';
import type { TokenPair } from '../../auth/session-tokens';
import { LogInCommand } from './log-in.command';
import { LogInRequest } from './log-in.request.dto';

@ApiTags('auth')
@Controller('api/auth')
export class LogInHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with email and password' })
  @ApiBody({ type: LogInRequest, examples: { voter: { summary: 'A voter logs in', value: { email: 'ada@example.com', password: 'correct horse battery staple' } } } })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiProblem(401, 'Wrong email or password (one answer for both, so emails cannot be probed).')
  @ApiProblem(403, 'The account is blocked.')
  @ApiProblem(429, 'Too many failed logins for this account; locked for Retry-After seconds.')
  @ApiProblems(400, 422)
  logIn(@Body() body: LogInRequest, @RequestMetadata() metadata: CommandMetadata): Promise<TokenPair> {
    return this.commands.execute(new LogInCommand(body.email, body.password, metadata));
  }
}
