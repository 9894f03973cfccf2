import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class GrantCreditsRequest {
  @ApiProperty({ format: 'uuid', example: '0190a6f1-2b3c-7d4e-8f50-6a7b8c9d0e1f' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000000, example: 100 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  credits!: number;

  @ApiProperty({ minLength: 1, maxLength: 200, description: 'Why (kept in the ledger); with the Idempotency-Key it names the grant', example: 'Launch promotion' })
  @IsString()
  @Length(1, 200)
  reason!: string;
}
