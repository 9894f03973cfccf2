import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { PhaseName } from '../../domain/judging.events';
import { ApiPhaseParam, EventIdPath, PhasePath } from '../../http/phase.param';
import { SubmitScoresCommand, SubmitScoresResult } from './submit-score.command';
import { SubmitScoresRequest } from './submit-score.request.dto';
import { SubmitScoresResponse } from './submit-score.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class SubmitScoresHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/phases/:phase/scores')
  @HttpCode(200)
  @Roles('judge')
  @ApiPhaseParam()
  @ApiOperation({ summary: 'Submit your raw scores of a phase (a judge)', description: 'Until you lock, a score given again replaces the earlier one.' })
  @ApiOkResponse({ type: SubmitScoresResponse })
  @ApiProblem(403, 'You are not a judge of this phase.')
  @ApiProblem(404, 'No such event, or the event has no such phase.')
  @ApiProblem(409, 'Your scores of this phase are locked, the phase is closed, voting has closed, or the scoring is final.')
  @ApiProblem(422, "A value is outside its score type's scale, or names an unknown score type or contestant (errors names the field, e.g. scores[1].value); nothing is recorded.")
  @ApiProblems(400)
  submit(@EventIdPath() eventId: string, @PhasePath() phase: PhaseName, @Body() body: SubmitScoresRequest, @RequestMetadata() metadata: CommandMetadata): Promise<SubmitScoresResult> {
    return this.commands.execute(new SubmitScoresCommand({ contestId: eventId, phase, judgeId: metadata.actorId ?? '', scores: body.scores }, metadata));
  }
}
