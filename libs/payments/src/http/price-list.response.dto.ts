import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'Price' })
export class PriceResponse {
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'USD' })
  currency!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Minor units per vote.', example: 100 })
  unitAmount!: number;
}

export class PriceListResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The event the list is for; null for the tenant's default list.", example: null })
  eventId!: string | null;

  @ApiProperty({ pattern: '^[A-Z]{3}$', description: 'Other currencies are converted from it when they have no price.', example: 'USD' })
  baseCurrency!: string;

  @ApiProperty({ type: [PriceResponse] })
  prices!: PriceResponse[];
}
