import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { EventIdPath } from '../../http/phase.param';
import { FinaliseScoringCommand, FinaliseScoringResult } from './finalise-scoring.command';
import { FinaliseScoringResponse } from './finalise-scoring.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class FinaliseScoringHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/finalise')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: 'Finalise the scoring (after the reveal): nothing changes afterwards; freezes the final snapshot' })
  @ApiOkResponse({ type: FinaliseScoringResponse })
  @ApiProblem(404, 'No such event.')
  @ApiProblem(409, 'The scores are not revealed yet, or the scoring is final already.')
  @ApiProblems(400)
  finalise(@EventIdPath() eventId: string, @RequestMetadata() metadata: CommandMetadata): Promise<FinaliseScoringResult> {
    return this.commands.execute(new FinaliseScoringCommand({ contestId: eventId }, metadata));
  }
}
