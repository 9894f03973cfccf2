import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiTenantAuth, Roles } from '@tally/platform';
import { PageRequest } from '../page.request.dto';
import { BlockPageResponse } from './block.response.dto';
import { BlocksReader } from './blocks.reader';

@ApiTags('ratelimit')
@ApiTenantAuth()
@Controller('api/ratelimit/blocks')
export class ListBlocksHttpController {
  constructor(private readonly blocks: BlocksReader) {}

  @Get()
  @Roles('platform_admin')
  @ApiOperation({ summary: 'The client blocks in force', description: 'What an edge or CDN mirrors to refuse blocked networks before they reach the backend; oldest first, paged.' })
  @ApiOkResponse({ type: BlockPageResponse })
  @ApiProblem(422, 'A bad cursor or limit.')
  list(@Query() page: PageRequest): Promise<BlockPageResponse> {
    return this.blocks.active(page.cursor, page.limit ?? 50);
  }
}
