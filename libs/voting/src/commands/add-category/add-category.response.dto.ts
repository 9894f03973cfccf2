import { ApiProperty } from '@nestjs/swagger';

export class AddCategoryResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f3-1a2b-7c3d-8e4f-5a6b7c8d9e0f' })
  categoryId!: string;
}
