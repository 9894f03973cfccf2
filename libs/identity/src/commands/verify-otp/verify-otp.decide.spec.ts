import { createHmac } from 'node:crypto';
import type { OtpPolicy } from '../../identity.config';
import type { OtpEvent } from '../../domain/otp.events';
import { otpDecider, OtpState } from '../../domain/otp.state';
import { decideOtpRequest } from '../request-otp/request-otp.decide';
import { decideOtpVerify } from './verify-otp.decide';

const policy: OtpPolicy = { ttlSeconds: 300, maxFailures: 5, failureWindowSeconds: 900, lockoutSeconds: 900, requestsPerSubjectPerHour: 5, requestsPerPrefixPerHour: 100, prefixDigits: 6 };
const hashCode = (otpId: string, code: string): string => createHmac('sha256', 'pepper').update(`${otpId}:${code}`).digest('base64url');
const envelope = { kid: 'k', iv: 'i', ct: 'c' };
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);

function fold(events: OtpEvent[], state = otpDecider.initialState()): OtpState {
  return events.reduce(otpDecider.evolve, state);
}

function issued(otpId = 'otp-1', code = '123456', now = t0): OtpEvent[] {
  return decideOtpRequest(otpDecider.initialState(), { otpId, userId: 'u1', purpose: 'login', channel: 'sms', codeHash: hashCode(otpId, code), destination: envelope, code: envelope, now, policy });
}

describe('OTP decisions', () => {
  it('accepts the right code once, bound to its purpose', () => {
    const state = fold(issued());
    const ok = decideOtpVerify(state, { purpose: 'login', code: '123456', hashCode, now: at(1000), policy });
    expect(ok).toEqual([{ type: 'OtpVerified', data: { otpId: 'otp-1', userId: 'u1', purpose: 'login', at: at(1000).toISOString() } }]);
    const reused = decideOtpVerify(fold(ok, state), { purpose: 'login', code: '123456', hashCode, now: at(2000), policy });
    expect(reused[0]).toMatchObject({ type: 'OtpVerificationFailed', data: { reason: 'used' } });
    const otherPurpose = decideOtpVerify(state, { purpose: 'password_reset', code: '123456', hashCode, now: at(1000), policy });
    expect(otherPurpose[0]).toMatchObject({ type: 'OtpVerificationFailed', data: { reason: 'no_code' } });
  });

  it('refuses an expired code', () => {
    const events = decideOtpVerify(fold(issued()), { purpose: 'login', code: '123456', hashCode, now: at(300_000), policy });
    expect(events[0]).toMatchObject({ type: 'OtpVerificationFailed', data: { reason: 'expired' } });
  });

  it('locks the subject at the fifth failure and refuses the right code while locked, until the lockout ends', () => {
    let state = fold(issued());
    for (let i = 1; i <= 5; i++) {
      const events = decideOtpVerify(state, { purpose: 'login', code: '000000', hashCode, now: at(i * 1000), policy });
      expect(events[0]).toMatchObject({ type: 'OtpVerificationFailed', data: { failuresInWindow: i } });
      expect(events.some((e) => e.type === 'OtpLockedOut')).toBe(i === 5);
      state = fold(events, state);
    }
    expect(() => decideOtpVerify(state, { purpose: 'login', code: '123456', hashCode, now: at(6000), policy })).toThrow(expect.objectContaining({ code: 'IDENTITY.OTP_LOCKED' }));
    expect(() => decideOtpRequest(state, { otpId: 'otp-2', userId: 'u1', purpose: 'login', channel: 'sms', codeHash: 'h', destination: envelope, code: envelope, now: at(6000), policy })).toThrow(
      expect.objectContaining({ code: 'IDENTITY.OTP_LOCKED' }),
    );
    const after = at(5000 + 900_000);
    const fresh = decideOtpRequest(state, { otpId: 'otp-2', userId: 'u1', purpose: 'login', channel: 'sms', codeHash: hashCode('otp-2', '654321'), destination: envelope, code: envelope, now: after, policy });
    expect(decideOtpVerify(fold(fresh, state), { purpose: 'login', code: '654321', hashCode, now: after, policy })[0].type).toBe('OtpVerified');
  });

  it('counts only failures inside the window', () => {
    let state = fold(issued('otp-1', '123456', t0));
    for (let i = 0; i < 4; i++) state = fold(decideOtpVerify(state, { purpose: 'login', code: '000000', hashCode, now: at(i), policy }), state);
    const later = decideOtpVerify(state, { purpose: 'login', code: '000000', hashCode, now: at(900_004), policy });
    expect(later).toHaveLength(1);
    expect(later[0]).toMatchObject({ data: { failuresInWindow: 1 } });
  });

  it('limits codes per destination per hour', () => {
    let state = otpDecider.initialState();
    for (let i = 0; i < 5; i++) {
      state = fold(decideOtpRequest(state, { otpId: `o${i}`, userId: 'u1', purpose: 'login', channel: 'sms', codeHash: 'h', destination: envelope, code: envelope, now: at(i * 60_000), policy }), state);
    }
    expect(() => decideOtpRequest(state, { otpId: 'o5', userId: 'u1', purpose: 'login', channel: 'sms', codeHash: 'h', destination: envelope, code: envelope, now: at(300_000), policy })).toThrow(
      expect.objectContaining({ code: 'IDENTITY.OTP_RATE_LIMITED', details: { retryAfterSeconds: 3600 - 300 } }),
    );
  });
});
