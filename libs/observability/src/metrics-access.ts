import { createHash, timingSafeEqual } from 'node:crypto';
import { MetricsAccess } from './observability.config';

export type AccessVerdict = 'allowed' | 'token-required' | 'not-served';

/** The one rule for reading metrics, on the API's route (MetricsAccessGuard) and the worker's port alike. */
export class MetricsAccessCheck {
  /** SHA-256 of the token: comparing digests takes the same time whatever the length sent. */
  private readonly expected: Buffer | null;

  constructor(private readonly access: MetricsAccess) {
    this.expected = access.mode === 'token' ? digest(access.token) : null;
  }

  verdict(authorization: string | undefined): AccessVerdict {
    const mode = this.access.mode;
    switch (mode) {
      case 'open':
        return 'allowed';
      case 'off':
        return 'not-served';
      case 'token': {
        const sent = bearer(authorization);
        return sent && this.expected && timingSafeEqual(digest(Buffer.from(sent, 'utf8')), this.expected) ? 'allowed' : 'token-required';
      }
      default: {
        const unknown: never = mode;
        throw new Error(`Unknown metrics access ${String(unknown)}`);
      }
    }
  }
}

function bearer(header: string | undefined): string | null {
  return (header === undefined ? null : /^Bearer (\S+)$/i.exec(header.trim())?.[1]) ?? null;
}

function digest(value: Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}
