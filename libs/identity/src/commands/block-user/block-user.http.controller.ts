import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { BlockUserCommand } from './block-user.command';
import { BlockUserRequest } from './block-user.request.dto';
import { BlockUserResponse } from './block-user.response.dto';

@ApiTags('admin')
@ApiTenantAuth()
@Controller('api/admin/users')
export class BlockUserHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Blocks the account and revokes every session at once. */
  @Post('block')
  @Roles('organizer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Block a user and revoke all their sessions' })
  @ApiOkResponse({ type: BlockUserResponse })
  @ApiProblems(400, 404, 422)
  async block(@Body() body: BlockUserRequest, @RequestMetadata() metadata: CommandMetadata): Promise<{ userId: string; status: 'blocked' }> {
    await this.commands.execute(new BlockUserCommand(body.userId, body.reason, metadata));
    return { userId: body.userId, status: 'blocked' };
  }
}
