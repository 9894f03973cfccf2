import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { ExportSubjectDataCommand } from './export-subject-data.command';
import { SubjectExport } from './subject-export';
import { SubjectExportResponse } from './subject-export.response.dto';

@ApiTags('gdpr')
@ApiTenantAuth()
@Controller()
export class ExportSubjectDataHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** POST: the request is recorded as a GDPR request (the tenant's compliance report lists it). */
  @Post('api/users/me/data-export')
  @HttpCode(200)
  @ApiOperation({ summary: 'My data (GDPR right of access): profile, sessions, votes, credits, payments, subscriptions, disputes and the audit trail about me, as JSON' })
  @ApiOkResponse({ type: SubjectExportResponse })
  @ApiProblems(400)
  exportMine(@RequestMetadata() metadata: CommandMetadata): Promise<SubjectExport> {
    return this.commands.execute(new ExportSubjectDataCommand({ userId: metadata.actorId as string, requestedBy: 'subject' }, metadata));
  }

  @Post('api/admin/users/:userId/data-export')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: "A user's data for their access request handled by staff (GDPR); erased contact fields show as null" })
  @ApiOkResponse({ type: SubjectExportResponse })
  @ApiProblem(404, "No such user in this tenant (another tenant's are not found).")
  @ApiProblems(400)
  exportFor(@Param('userId', new ParseUUIDPipe()) userId: string, @RequestMetadata() metadata: CommandMetadata): Promise<SubjectExport> {
    return this.commands.execute(new ExportSubjectDataCommand({ userId, requestedBy: 'staff' }, metadata));
  }
}
