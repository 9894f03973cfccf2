import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { PhaseName } from '../../domain/judging.events';
import { ApiPhaseParam, EventIdPath, PhasePath } from '../../http/phase.param';
import { LockScoresCommand, LockScoresResult } from './lock-scores.command';
import { LockScoresResponse } from './lock-scores.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class LockScoresHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/phases/:phase/lock')
  @HttpCode(200)
  @Roles('judge')
  @ApiPhaseParam()
  @ApiOperation({ summary: 'Lock your scores of a phase (a judge): they no longer change, and their commitment is published' })
  @ApiOkResponse({ type: LockScoresResponse })
  @ApiProblem(403, 'You are not a judge of this phase.')
  @ApiProblem(404, 'No such event, or the event has no such phase.')
  @ApiProblem(409, 'Already locked, no scores to lock, the phase is closed, voting has closed, or the scoring is final.')
  @ApiProblems(400)
  lock(@EventIdPath() eventId: string, @PhasePath() phase: PhaseName, @RequestMetadata() metadata: CommandMetadata): Promise<LockScoresResult> {
    return this.commands.execute(new LockScoresCommand({ contestId: eventId, phase, judgeId: metadata.actorId ?? '' }, metadata));
  }
}
