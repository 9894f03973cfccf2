import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { EventIdPath } from '../../http/phase.param';
import { DefineScoreTypeCommand, DefineScoreTypeResult } from './define-score-type.command';
import { DefineScoreTypeRequest } from './define-score-type.request.dto';
import { DefineScoreTypeResponse } from './define-score-type.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class DefineScoreTypeHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/score-types')
  @HttpCode(201)
  @Roles('organizer')
  @ApiOperation({ summary: 'Define a score type of an event (scale, weight, normalisation method)' })
  @ApiCreatedResponse({ type: DefineScoreTypeResponse })
  @ApiProblem(404, 'No such event.')
  @ApiProblem(409, 'A score type of that name exists, or the scores are revealed or final.')
  @ApiProblem(422, 'A field failed validation (e.g. scaleMax not above scaleMin), naming it.')
  @ApiProblems(400)
  define(@EventIdPath() eventId: string, @Body() body: DefineScoreTypeRequest, @RequestMetadata() metadata: CommandMetadata): Promise<DefineScoreTypeResult> {
    return this.commands.execute(new DefineScoreTypeCommand({ contestId: eventId, ...body }, metadata));
  }
}
