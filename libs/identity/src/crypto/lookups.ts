import { Injectable } from '@nestjs/common';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { OtpChannel } from '../domain/otp.events';
import type { PhoneNumberType } from '../domain/user.events';
import { ValidationProblem } from '../identity.validation';
import { PiiKeys } from './pii-keys';

export interface ParsedPhone {
  e164: string;
  type: PhoneNumberType;
  countryCode: string;
}

/** Normalisation and keyed hashes of the identifiers used to find users, codes and client IPs. */
@Injectable()
export class Lookups {
  constructor(private readonly keys: PiiKeys) {}

  normalizeEmail(email: string): string {
    return email.trim().toLowerCase();
  }

  emailHash(tenantId: string, email: string): string {
    return this.keys.lookupHash(tenantId, 'email', this.normalizeEmail(email));
  }

  phoneHash(tenantId: string, e164: string): string {
    return this.keys.lookupHash(tenantId, 'phone', e164);
  }

  ipHash(tenantId: string, ip: string): string {
    return this.keys.lookupHash(tenantId, 'ip', ip);
  }

  /** One OTP stream per destination: the channel and the normalised address. */
  otpSubjectHash(tenantId: string, channel: OtpChannel, destination: string): string {
    return this.keys.lookupHash(tenantId, 'otp-subject', `${channel}:${destination}`);
  }

  otpCodeHash(otpId: string, code: string): string {
    return this.keys.otpCodeHash(otpId, code);
  }

  /** E.164 only (a leading +); the number's type is kept for fraud scoring. */
  parsePhone(raw: string, field = 'phone'): ParsedPhone {
    const trimmed = raw.trim();
    const parsed = trimmed.startsWith('+') ? parsePhoneNumberFromString(trimmed) : undefined;
    if (!parsed || !parsed.isValid()) {
      throw new ValidationProblem(field, `${field} must be a valid phone number in E.164 format, like +14155552671`, 'IDENTITY.INVALID_PHONE');
    }
    return { e164: parsed.number, type: (parsed.getType() ?? 'UNKNOWN'), countryCode: parsed.countryCallingCode };
  }
}
