import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { EventIdPath } from '../../http/phase.param';
import { OwnScoresView, ScoringReader } from '../scoring.reader';
import { OwnScoresResponse } from './own-scores.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class OwnScoresHttpController {
  constructor(private readonly reader: ScoringReader) {}

  @Get(':eventId/my-scores')
  @Roles('judge')
  @ApiOperation({ summary: 'Your own scores of an event (a judge), per phase you judge, and whether they are locked' })
  @ApiOkResponse({ type: OwnScoresResponse })
  @ApiProblem(404, 'No such event, or it has no jury scoring.')
  @ApiProblems(400)
  own(@EventIdPath() eventId: string, @RequestMetadata() metadata: CommandMetadata): Promise<OwnScoresView> {
    return this.reader.ownScores(metadata.tenantId, eventId, metadata.actorId ?? '');
  }
}
