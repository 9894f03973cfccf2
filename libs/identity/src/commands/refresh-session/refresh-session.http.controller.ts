import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, CommandMetadata, Public, RequestMetadata } from '@tally/platform';
import { TokenPairResponse } from '../../http/token-pair.response.dto';
import type { TokenPair } from '../../auth/session-tokens';
import { RefreshSessionCommand } from './refresh-session.command';
import { RefreshSessionRequest } from './refresh-session.request.dto';

@ApiTags('auth')
@Controller('api/auth')
export class RefreshSessionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade a refresh token for a new token pair' })
  @ApiOkResponse({ type: TokenPairResponse, description: 'A new pair; the refresh token sent is spent.' })
  @ApiProblem(401, 'Unknown, expired or spent refresh token; reusing a spent one revokes the whole session.')
  @ApiProblems(400, 422)
  refresh(@Body() body: RefreshSessionRequest, @RequestMetadata() metadata: CommandMetadata): Promise<TokenPair> {
    return this.commands.execute(new RefreshSessionCommand(body.refreshToken, metadata));
  }
}
