import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { selfMetadataOf } from '../../http/self-metadata';
import { ReadsProjections } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata, Roles } from '@tally/platform';
import { GetUserQuery, UserView } from './get-user.query';
import { UserResponse } from './user.response.dto';

@ApiTags('users')
@ApiTenantAuth()
@Controller('api/users')
export class GetUserHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('me')
  @ReadsProjections('identity.users')
  @ApiOperation({ summary: 'My account' })
  @ApiOkResponse({ type: UserResponse })
  me(@RequestCtx() ctx: RequestContext): Promise<UserView> {
    const { actor, metadata } = selfMetadataOf(ctx);
    return this.queries.execute(new GetUserQuery(metadata.tenantId, actor.userId));
  }

  @Get(':userId')
  @ReadsProjections('identity.users')
  @Roles('organizer', 'auditor')
  @ApiOperation({ summary: 'A user of this tenant' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblem(404, 'No such user in this tenant.')
  @ApiProblems(400)
  byId(@Param('userId', new ParseUUIDPipe()) userId: string, @RequestMetadata() metadata: CommandMetadata): Promise<UserView> {
    return this.queries.execute(new GetUserQuery(metadata.tenantId, userId));
  }
}
