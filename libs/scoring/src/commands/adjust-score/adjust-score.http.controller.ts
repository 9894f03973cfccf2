import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { EventIdPath } from '../../http/phase.param';
import { AdjustScoreCommand, AdjustScoreResult } from './adjust-score.command';
import { AdjustScoreRequest } from './adjust-score.request.dto';
import { AdjustScoreResponse } from './adjust-score.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class AdjustScoreHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/adjustments')
  @HttpCode(201)
  @Roles('organizer')
  @ApiOperation({ summary: "Adjust a contestant's phase score with a reason (recorded and shown in the report)" })
  @ApiCreatedResponse({ type: AdjustScoreResponse })
  @ApiProblem(404, 'No such event, or the event has no such phase.')
  @ApiProblem(409, 'The scoring is final.')
  @ApiProblem(422, 'A field failed validation (points 0 or beyond ±100, an empty reason, a contestant not in the event), naming it.')
  @ApiProblems(400)
  adjust(@EventIdPath() eventId: string, @Body() body: AdjustScoreRequest, @RequestMetadata() metadata: CommandMetadata): Promise<AdjustScoreResult> {
    return this.commands.execute(new AdjustScoreCommand({ contestId: eventId, ...body }, metadata));
  }
}
