import { Controller, Delete, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata, Roles } from '@tally/platform';
import { selfMetadataOf } from '../../http/self-metadata';
import { EraseUserCommand } from './erase-user.command';

@ApiTags('users')
@ApiTenantAuth()
@Controller('api/users')
export class EraseUserHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** GDPR erasure of the caller's own account. */
  @Delete('me')
  @HttpCode(204)
  @ApiOperation({ summary: 'Erase my account (GDPR)' })
  @ApiNoContentResponse({ description: 'Erased: personal data is gone and every session revoked.' })
  @ApiProblems(409)
  async eraseMe(@RequestCtx() ctx: RequestContext): Promise<void> {
    const { actor, metadata } = selfMetadataOf(ctx);
    await this.commands.execute(new EraseUserCommand(actor.userId, metadata));
  }

  /** GDPR erasure on request, by the tenant's organizer. */
  @Delete(':userId')
  @Roles('organizer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Erase a user (GDPR request)' })
  @ApiNoContentResponse({ description: 'Erased: personal data is gone and every session revoked.' })
  @ApiProblems(400, 404, 409)
  async erase(@Param('userId', new ParseUUIDPipe()) userId: string, @RequestMetadata() metadata: CommandMetadata): Promise<void> {
    await this.commands.execute(new EraseUserCommand(userId, metadata));
  }
}
