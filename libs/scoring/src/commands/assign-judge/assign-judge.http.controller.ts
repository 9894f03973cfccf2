import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { PhaseName } from '../../domain/judging.events';
import { ApiPhaseParam, EventIdPath, PhasePath } from '../../http/phase.param';
import { AssignJudgeCommand, AssignJudgeResult } from './assign-judge.command';
import { AssignJudgeRequest } from './assign-judge.request.dto';
import { AssignJudgeResponse } from './assign-judge.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class AssignJudgeHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/phases/:phase/judges')
  @HttpCode(200)
  @Roles('organizer')
  @ApiPhaseParam()
  @ApiOperation({ summary: 'Assign a judge (a user with the judge role) to a phase', description: 'Assigning the same judge again changes nothing.' })
  @ApiOkResponse({ type: AssignJudgeResponse })
  @ApiProblem(404, 'No such event, or the event has no such phase.')
  @ApiProblem(409, 'The phase is closed, or the scoring is final.')
  @ApiProblem(422, 'The user is not a judge of this tenant (judgeId), or a field failed validation.')
  @ApiProblems(400)
  assign(@EventIdPath() eventId: string, @PhasePath() phase: PhaseName, @Body() body: AssignJudgeRequest, @RequestMetadata() metadata: CommandMetadata): Promise<AssignJudgeResult> {
    return this.commands.execute(new AssignJudgeCommand({ contestId: eventId, phase, judgeId: body.judgeId }, metadata));
  }
}
