import { Inject, Injectable, Optional } from '@nestjs/common';
import { PHONE_PROFILES, PhoneProfiles } from '@tally/identity';
import { Clock, CLOCK } from '@tally/platform';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { PhoneType } from '../signals/phone-reputation.signal';
import { ExpiringCache } from './expiring-cache';

export interface PhoneFacts {
  type: PhoneType;
  /** The number without its last three digits (a block of 1,000 numbers); null without a phone. */
  prefix: string | null;
  verifiedAtMs: number | null;
}

const NO_PHONE: PhoneFacts = { type: 'NONE', prefix: null, verifiedAtMs: null };

/**
 * A voter's phone as the phone-reputation signal sees it. Identity holds the number
 * (PHONE_PROFILES); it is classified here with libphonenumber's full metadata (`max`: VOIP,
 * toll-free, premium-rate and mobile ranges) and cached per user for a minute, so a new
 * verification counts within that minute. Without identity in the application, no phone.
 */
@Injectable()
export class PhoneLookup {
  private readonly cache = new ExpiringCache<PhoneFacts>(60_000);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(PHONE_PROFILES) private readonly profiles?: PhoneProfiles,
  ) {}

  facts(tenantId: string, userId: string): PhoneFacts | Promise<PhoneFacts> {
    const profiles = this.profiles;
    if (!profiles) return NO_PHONE;
    const cached = this.cache.get(`${tenantId}:${userId}`, this.clock.now().getTime(), async () => {
      const profile = await profiles.phoneProfile(tenantId, userId);
      return profile.e164 ? classifyPhone(profile.e164, profile.verifiedAt) : NO_PHONE;
    });
    return cached;
  }
}

export function classifyPhone(e164: string, verifiedAt: string | null): PhoneFacts {
  const type = parsePhoneNumberFromString(e164)?.getType() ?? 'UNKNOWN';
  return { type, prefix: e164.slice(0, -3), verifiedAtMs: verifiedAt ? Date.parse(verifiedAt) : null };
}
