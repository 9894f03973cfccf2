import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestContext, RequestCtx, Roles } from '@tally/platform';
import { metadataOf } from '../../http/request-metadata';
import { CreateContestCommand, CreateContestResult } from './create-contest.command';
import { CreateContestRequest } from './create-contest.request.dto';

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/events')
export class CreateContestHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('organizer')
  create(@Body() body: CreateContestRequest, @RequestCtx() ctx: RequestContext): Promise<CreateContestResult> {
    return this.commands.execute(new CreateContestCommand(stripUndefined(body), metadataOf(ctx)));
  }
}

/** Unset optional settings must not override the defaults. */
function stripUndefined(body: CreateContestRequest): CreateContestRequest {
  const settings = body.settings ? Object.fromEntries(Object.entries(body.settings).filter(([, value]) => value !== undefined)) : undefined;
  return { ...body, settings };
}
