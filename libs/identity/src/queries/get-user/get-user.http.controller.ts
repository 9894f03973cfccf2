import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestContext, RequestCtx, Roles } from '@tally/platform';
import { metadataOf, selfMetadataOf } from '../../http/request-metadata';
import { GetUserQuery, UserView } from './get-user.query';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class GetUserHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('me')
  me(@RequestCtx() ctx: RequestContext): Promise<UserView> {
    const { actor, metadata } = selfMetadataOf(ctx);
    return this.queries.execute(new GetUserQuery(metadata.tenantId, actor.userId));
  }

  @Get(':userId')
  @Roles('organizer', 'auditor')
  byId(@Param('userId', new ParseUUIDPipe()) userId: string, @RequestCtx() ctx: RequestContext): Promise<UserView> {
    return this.queries.execute(new GetUserQuery(metadataOf(ctx).tenantId, userId));
  }
}
