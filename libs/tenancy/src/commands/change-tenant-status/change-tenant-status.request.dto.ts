import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class ChangeTenantStatusRequest {
  @ApiProperty({ enum: ['active', 'suspended'], example: 'suspended' })
  @IsIn(['active', 'suspended'])
  status!: 'active' | 'suspended';

  @ApiPropertyOptional({ maxLength: 500, example: 'Unpaid invoices' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class TenantStatusResponse {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: ['active', 'suspended'] }) status!: string;
}
