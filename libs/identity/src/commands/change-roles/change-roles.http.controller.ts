import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata, Role, Roles } from '@tally/platform';
import { ChangeRolesCommand } from './change-roles.command';
import { ChangeRolesRequest } from './change-roles.request.dto';
import { ChangeRolesResponse } from './change-roles.response.dto';

@ApiTags('users')
@ApiTenantAuth()
@Controller('api/users')
export class ChangeRolesHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Sets a user's roles (organizers manage their tenant; only platform admins touch platform_admin). */
  @Put(':userId/roles')
  @Roles('organizer')
  @HttpCode(200)
  @ApiOperation({ summary: "Set a user's roles" })
  @ApiOkResponse({ type: ChangeRolesResponse })
  @ApiProblems(400, 404, 409, 422)
  change(@Param('userId', new ParseUUIDPipe()) userId: string, @Body() body: ChangeRolesRequest, @RequestCtx() ctx: RequestContext, @RequestMetadata() metadata: CommandMetadata): Promise<{ roles: Role[] }> {
    return this.commands.execute(new ChangeRolesCommand(userId, body.roles, ctx.actor?.roles ?? [], metadata));
  }
}
