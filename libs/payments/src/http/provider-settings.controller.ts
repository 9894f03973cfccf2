import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles, TenantId } from '@tally/platform';
import { PaymentSettingsResponse, PaymentSettingsService } from '../settings/payment-settings.service';
import { PaymentSettingsResponseDto } from './payment-settings.response.dto';
import { PaymentSettingsRequestDto, SettingsAuditQueryDto } from './provider-settings.dto';
import { SettingsAuditPageResponse } from './settings-audit.response.dto';

/** A tenant's payment providers and keys (its organizers, or a platform admin acting in it). Keys go in, masked hints come out. */
@ApiTags('payments')
@ApiTenantAuth()
@Controller('api/payments/settings')
export class ProviderSettingsController {
  constructor(private readonly settings: PaymentSettingsService) {}

  @Roles('organizer')
  @Get()
  @ApiOperation({ summary: "The tenant's payment providers (masked keys)" })
  @ApiOkResponse({ type: PaymentSettingsResponseDto })
  view(@TenantId() tenantId: string): Promise<PaymentSettingsResponse> {
    return this.settings.view(tenantId);
  }

  /** Who changed the settings, when and what (masked hints only), newest first. */
  @Roles('organizer')
  @Get('audit')
  @ApiOperation({ summary: 'Who changed the payment settings, newest first' })
  @ApiOkResponse({ type: SettingsAuditPageResponse })
  @ApiProblem(422, 'A bad cursor or limit.')
  audit(@Query() query: SettingsAuditQueryDto, @TenantId() tenantId: string) {
    return this.settings.audit(tenantId, { cursor: query.cursor ?? null, limit: query.limit ?? 20 });
  }

  @Roles('organizer')
  @Put()
  @ApiOperation({ summary: "Change the tenant's payment providers and keys" })
  @ApiOkResponse({ type: PaymentSettingsResponseDto })
  @ApiProblem(422, 'A field failed validation, a key of the wrong kind, or a default provider that would not be usable.')
  @ApiProblems(400, 409)
  change(@Body() body: PaymentSettingsRequestDto, @RequestMetadata() metadata: CommandMetadata): Promise<PaymentSettingsResponse> {
    return this.settings.change(metadata.tenantId, body, { actorId: metadata.actorId, requestId: metadata.correlationId });
  }
}
