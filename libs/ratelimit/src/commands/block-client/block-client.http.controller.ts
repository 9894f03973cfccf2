import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { BlockClientCommand, BlockClientResult } from './block-client.command';
import { BlockClientRequest } from './block-client.request.dto';
import { BlockClientResponse } from './block-client.response.dto';

@ApiTags('ratelimit')
@ApiTenantAuth()
@Controller('api/ratelimit/blocks')
export class BlockClientHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('platform_admin')
  @ApiOperation({
    summary: 'Block a client address or network for a while',
    description:
      'Every request from the network is answered 429 `client-blocked` with Retry-After until the block ends, in every tenant and every API process (within RATE_LIMIT_RULES_REFRESH_MS). This is how an edge or CDN shares a block it decided with the backend (`source: edge`); GET /api/ratelimit/blocks is how it reads the backend\'s.',
  })
  @ApiBody({ type: BlockClientRequest, examples: { edge: { summary: 'An edge shares a ban', value: { network: '203.0.113.0/24', durationSeconds: 900, reason: 'card testing', source: 'edge' } } } })
  @ApiCreatedResponse({ type: BlockClientResponse })
  @ApiProblem(422, 'A field failed validation: not an address or network, wider than a /8 (IPv4) or /32 (IPv6), or a duration out of range.')
  @ApiProblems(400)
  block(@Body() body: BlockClientRequest, @RequestMetadata() metadata: CommandMetadata): Promise<BlockClientResult> {
    return this.commands.execute(new BlockClientCommand({ network: body.network, durationSeconds: body.durationSeconds, reason: body.reason, source: body.source ?? 'admin' }, metadata));
  }
}
