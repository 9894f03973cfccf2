import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { EventIdPath } from '../../http/phase.param';
import { DefinePhaseCommand, DefinePhaseResult } from './define-phase.command';
import { DefinePhaseRequest } from './define-phase.request.dto';
import { DefinePhaseResponse } from './define-phase.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class DefinePhaseHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/phases')
  @HttpCode(201)
  @Roles('organizer')
  @ApiOperation({ summary: 'Define a judging phase (preliminary, semi-final, final) with its carry-over and weights' })
  @ApiCreatedResponse({ type: DefinePhaseResponse })
  @ApiProblem(404, 'No such event.')
  @ApiProblem(409, 'The phase, or a later one, is already defined; or the scores are revealed or final.')
  @ApiProblem(422, 'A field failed validation (carry-over on the first phase, an unknown score type in weights), naming it.')
  @ApiProblems(400)
  define(@EventIdPath() eventId: string, @Body() body: DefinePhaseRequest, @RequestMetadata() metadata: CommandMetadata): Promise<DefinePhaseResult> {
    return this.commands.execute(new DefinePhaseCommand({ contestId: eventId, phase: body.phase, carryOver: body.carryOver ?? 0, weights: body.weights ?? {} }, metadata));
  }
}
