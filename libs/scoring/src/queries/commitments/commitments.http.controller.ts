import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, Public, TenantId } from '@tally/platform';
import { EventIdPath } from '../../http/phase.param';
import { CommitmentsView, ScoringReader } from '../scoring.reader';
import { CommitmentsResponse } from './commitments.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class CommitmentsHttpController {
  constructor(private readonly reader: ScoringReader) {}

  @Get(':eventId/commitments')
  @Public()
  @ApiOperation({ summary: "The judges' published commitments (from each lock); salts and hashed text once revealed" })
  @ApiOkResponse({ type: CommitmentsResponse })
  @ApiProblem(404, 'No such event, or it has no jury scoring.')
  @ApiProblems(400)
  commitments(@EventIdPath() eventId: string, @TenantId() tenantId: string): Promise<CommitmentsView> {
    return this.reader.commitments(tenantId, eventId);
  }
}
