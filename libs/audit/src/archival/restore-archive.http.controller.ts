import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, Roles } from '@tally/platform';
import { AuditArchiveJob } from './audit-archive.job';
import { ArchiveRestoreResponse, RestoreArchiveRequest } from './restore-archive.request.dto';

@ApiTags('admin')
@ApiTenantAuth()
@Controller('api/admin/audit-logs')
export class RestoreArchiveHttpController {
  constructor(private readonly archives: AuditArchiveJob) {}

  @Post('restore')
  @HttpCode(200)
  @Roles('platform_admin')
  @ApiOperation({
    summary: 'Restore an audit-log archive (platform admin)',
    description: 'Verifies the archive against its manifest (SHA-256) and puts its rows back into audit_logs, identical; rows already there are left as they are, so restoring twice adds nothing.',
  })
  @ApiOkResponse({ type: ArchiveRestoreResponse })
  @ApiProblem(404, 'No such archive (or its manifest is missing).')
  @ApiProblem(409, 'The archive does not match its manifest: nothing restored.')
  @ApiProblems(400, 422)
  restore(@Body() body: RestoreArchiveRequest): Promise<ArchiveRestoreResponse> {
    return this.archives.restore(body.file);
  }
}
