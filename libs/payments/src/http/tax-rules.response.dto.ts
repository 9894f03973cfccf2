import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'TaxRule' })
export class TaxRuleResponse {
  @ApiProperty({ description: 'ISO-3166 alpha-2, or * for every other country.', example: 'GB' })
  country!: string;

  @ApiProperty({ description: 'A decimal fraction, as a string to keep it exact.', example: '0.2' })
  rate!: string;

  @ApiProperty({ enum: ['inclusive', 'exclusive'], description: 'inclusive: prices already contain the tax.', example: 'exclusive' })
  mode!: 'inclusive' | 'exclusive';
}

export class TaxRulesResponse {
  @ApiProperty({ type: [TaxRuleResponse] })
  rules!: TaxRuleResponse[];
}
