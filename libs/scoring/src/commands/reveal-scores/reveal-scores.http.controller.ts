import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { EventIdPath } from '../../http/phase.param';
import { RevealScoresCommand, RevealScoresResult } from './reveal-scores.command';
import { RevealScoresResponse } from './reveal-scores.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class RevealScoresHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/reveal')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: 'Reveal the jury scores after voting closed, checked against the commitments published at the locks' })
  @ApiOkResponse({ type: RevealScoresResponse })
  @ApiProblem(404, 'No such event.')
  @ApiProblem(409, 'Voting has not closed, nothing was committed, already revealed, a commitment does not match (commitment-mismatch), or the scoring is final.')
  @ApiProblems(400)
  reveal(@EventIdPath() eventId: string, @RequestMetadata() metadata: CommandMetadata): Promise<RevealScoresResult> {
    return this.commands.execute(new RevealScoresCommand({ contestId: eventId }, metadata));
  }
}
