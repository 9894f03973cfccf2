import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class GrantCreditsRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  credits!: number;

  @ApiProperty({ description: 'Why (kept in the ledger); with the Idempotency-Key it names the grant' })
  @IsString()
  @Length(1, 200)
  reason!: string;
}
