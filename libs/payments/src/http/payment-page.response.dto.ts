import { ApiProperty } from '@nestjs/swagger';
import { PaymentResponse } from './payment.response.dto';

export class PaymentPageResponse {
  @ApiProperty({ type: [PaymentResponse], description: 'Newest first.' })
  items!: PaymentResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last one.', example: 'MjAyNS0wMy0wMVQxOTo1ODowMC4wMDBafDAxOTBhNmY5' })
  nextCursor!: string | null;
}
