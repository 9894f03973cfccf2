import { ApiProperty } from '@nestjs/swagger';

/** Answer of a phone verification (POST /api/auth/phone/verify, or an OTP of purpose phone_verify). */
export class PhoneVerifiedResponse {
  @ApiProperty({ type: Boolean, enum: [true], example: true })
  phoneVerified!: true;
}
