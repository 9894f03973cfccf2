import { streamName, StreamDecider } from '@tally/eventstore';
import type { OtpEvent, OtpPurpose, SmsPrefixUsed } from './otp.events';

export interface ActiveCode {
  otpId: string;
  userId: string;
  codeHash: string;
  expiresAt: string;
  used: boolean;
}

export interface OtpState {
  /** The latest code per purpose; a new request supersedes the previous one. */
  codes: Readonly<Partial<Record<OtpPurpose, ActiveCode>>>;
  /** Times of failed verifications (recent ones only matter). */
  failures: readonly string[];
  lockedUntil: string | null;
  /** Times codes were issued (recent ones only matter). */
  issued: readonly string[];
}

const KEEP = 100;

export const otpStream = (tenantId: string, subjectHash: string): string => streamName('otp', tenantId, subjectHash);

export const otpDecider: StreamDecider<OtpState, OtpEvent> = {
  aggregate: 'otp',
  initialState: () => ({ codes: {}, failures: [], lockedUntil: null, issued: [] }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'OtpIssued': {
        const d = event.data;
        const code: ActiveCode = { otpId: d.otpId, userId: d.userId, codeHash: d.codeHash, expiresAt: d.expiresAt, used: false };
        return { ...state, codes: { ...state.codes, [d.purpose]: code }, issued: [...state.issued.slice(-KEEP), d.issuedAt] };
      }
      case 'OtpVerificationFailed':
        return { ...state, failures: [...state.failures.slice(-KEEP), event.data.at] };
      case 'OtpLockedOut':
        return { ...state, lockedUntil: event.data.until, failures: [] };
      case 'OtpVerified': {
        const code = state.codes[event.data.purpose];
        if (!code || code.otpId !== event.data.otpId) return state;
        return { ...state, codes: { ...state.codes, [event.data.purpose]: { ...code, used: true } }, failures: [] };
      }
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};

export interface SmsPrefixState {
  sent: readonly string[];
}

export const smsPrefixStream = (tenantId: string, digits: string): string => streamName('smsprefix', tenantId, digits);

export const smsPrefixDecider: StreamDecider<SmsPrefixState, SmsPrefixUsed> = {
  aggregate: 'smsprefix',
  initialState: () => ({ sent: [] }),
  evolve: (state, event) => ({ sent: [...state.sent.slice(-10_000), event.data.at] }),
};

/** How many of `times` fall after `since`. */
export function countSince(times: readonly string[], since: Date): number {
  const from = since.toISOString();
  let count = 0;
  for (let i = times.length - 1; i >= 0 && times[i] > from; i--) count++;
  return count;
}
