import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { Money } from '../domain/money';

/** Money is an integer of minor units with its ISO-4217 currency, never a float. */
@ApiSchema({ name: 'Money' })
export class MoneyResponse implements Money {
  @ApiProperty({ type: 'integer', description: 'Minor units (cents for USD).', example: 1000 })
  amount!: number;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'USD' })
  currency!: string;
}
