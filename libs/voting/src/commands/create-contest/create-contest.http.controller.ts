import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { CreateContestCommand, CreateContestResult } from './create-contest.command';
import { CreateContestRequest } from './create-contest.request.dto';
import { CreateContestResponse } from './create-contest.response.dto';

@ApiTags('events')
@ApiTenantAuth()
@Controller('api/events')
export class CreateContestHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('organizer')
  @ApiOperation({ summary: 'Create an event (as a draft)' })
  @ApiBody({
    type: CreateContestRequest,
    examples: {
      gala: {
        summary: 'A week of paid voting, 3 free votes a day',
        value: { name: 'Gala Awards 2025', startDate: '2025-03-01T18:00:00Z', endDate: '2025-03-08T22:00:00Z', voteCap: 100, currency: 'USD', settings: { freeVotesPerDay: 3, maxVotesPerRequest: 50 } },
      },
    },
  })
  @ApiCreatedResponse({ type: CreateContestResponse, example: { eventId: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f', status: 'draft' } })
  @ApiProblem(422, 'A field failed validation, or the dates or settings do not fit together (event-invalid).')
  @ApiProblems(400)
  create(@Body() body: CreateContestRequest, @RequestMetadata() metadata: CommandMetadata): Promise<CreateContestResult> {
    return this.commands.execute(new CreateContestCommand(stripUndefined(body), metadata));
  }
}

/** Unset optional settings must not override the defaults. */
function stripUndefined(body: CreateContestRequest): CreateContestRequest {
  const settings = body.settings ? Object.fromEntries(Object.entries(body.settings).filter(([, value]) => value !== undefined)) : undefined;
  return { ...body, settings };
}
