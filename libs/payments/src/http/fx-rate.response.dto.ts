import { ApiProperty } from '@nestjs/swagger';

export class FxRateResponse {
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'USD' })
  base!: string;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'EUR' })
  quote!: string;

  @ApiProperty({ description: 'Units of quote per unit of base, as a decimal string.', example: '0.9234' })
  rate!: string;

  @ApiProperty({ format: 'date-time', example: '2025-03-01T12:00:00.000Z' })
  asOf!: string;

  @ApiProperty({ enum: ['tenant', 'platform'], example: 'tenant' })
  scope!: 'tenant' | 'platform';
}
