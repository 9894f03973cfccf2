import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PROVIDER_NAMES, ProviderName } from '../domain/payment.events';
import type { PaymentSettingsResponse } from '../settings/payment-settings.service';
import type { ProviderSettingsView } from '../settings/provider-settings';

@ApiSchema({ name: 'ProviderSettings', description: 'Flags and masked hints; a key never comes back.' })
export class ProviderSettingsResponse implements ProviderSettingsView {
  @ApiProperty({ description: "False when the tenant uses the platform's keys for this provider.", example: true })
  own!: boolean;

  @ApiProperty({ example: true })
  enabled!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Masked hint of the key.', example: 'sk_test_…4242' })
  secretKey!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Masked hint of the webhook secret (Stripe).', example: 'whsec_…9f3a' })
  webhookSecret!: string | null;
}

@ApiSchema({ name: 'ProvidersSettings' })
export class ProvidersSettingsResponse implements Record<ProviderName, ProviderSettingsResponse> {
  @ApiProperty({ type: ProviderSettingsResponse })
  stripe!: ProviderSettingsResponse;

  @ApiProperty({ type: ProviderSettingsResponse })
  paystack!: ProviderSettingsResponse;
}

/** Named PaymentSettings in the document; the class name leaves the service's type its name. */
@ApiSchema({ name: 'PaymentSettings' })
export class PaymentSettingsResponseDto implements PaymentSettingsResponse {
  @ApiProperty({ type: String, enum: PROVIDER_NAMES, nullable: true, description: "null: the platform's choice.", example: 'stripe' })
  defaultProvider!: ProviderName | null;

  @ApiProperty({ type: ProvidersSettingsResponse })
  providers!: ProvidersSettingsResponse;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2025-02-20T10:00:00.000Z' })
  updatedAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who changed them last.', example: '0190a6f1-2b3c-7d4e-8f50-6a7b8c9d0e1f' })
  updatedBy!: string | null;
}
