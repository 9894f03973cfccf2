import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { PhaseName } from '../../domain/judging.events';
import { ApiPhaseParam, EventIdPath, PhasePath } from '../../http/phase.param';
import { ClosePhaseCommand, ClosePhaseResult } from './close-phase.command';
import { ClosePhaseResponse } from './close-phase.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class ClosePhaseHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/phases/:phase/close')
  @HttpCode(200)
  @Roles('organizer')
  @ApiPhaseParam()
  @ApiOperation({ summary: 'End a phase once all its judges have locked; freezes a phase-end snapshot' })
  @ApiOkResponse({ type: ClosePhaseResponse })
  @ApiProblem(404, 'No such event, or the event has no such phase.')
  @ApiProblem(409, 'Some judges have not locked, the phase is closed already, or the scoring is final.')
  @ApiProblems(400)
  close(@EventIdPath() eventId: string, @PhasePath() phase: PhaseName, @RequestMetadata() metadata: CommandMetadata): Promise<ClosePhaseResult> {
    return this.commands.execute(new ClosePhaseCommand({ contestId: eventId, phase }, metadata));
  }
}
