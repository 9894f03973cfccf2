import { createHash } from 'node:crypto';
import { hash, verify } from '@node-rs/bcrypt';
import { ValidationProblem } from '../identity.validation';
import { BREACHED_PASSWORDS } from './breached-passwords';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 64;

/**
 * bcrypt reads at most 72 bytes, and 64 characters of non-ASCII text can exceed that. The
 * password is therefore first reduced to its SHA-256 (base64, 44 bytes, no NUL) and that is
 * bcrypt'ed: nothing is ever silently truncated, and the limit users see is 64 characters.
 */
export class PasswordHasher {
  constructor(private readonly cost: number) {}

  hash(password: string): Promise<string> {
    return hash(prehash(password), this.cost);
  }

  verify(password: string, passwordHash: string): Promise<boolean> {
    return verify(prehash(password), passwordHash);
  }

  /** A hash to burn the same time on when the user does not exist (no timing oracle). */
  private dummy?: Promise<string>;
  async verifyDummy(password: string): Promise<false> {
    this.dummy ??= this.hash('tally-dummy-password');
    await verify(prehash(password), await this.dummy);
    return false;
  }
}

function prehash(password: string): string {
  return createHash('sha256').update(password.normalize('NFC'), 'utf8').digest('base64');
}

let breached: Set<string> | undefined;

/**
 * The entries of 8 to 64 characters of SecLists' "10k-most-common" password list
 * (Passwords/Common-Credentials/10k-most-common.txt); shorter entries are refused by the
 * length rule anyway. Compared case-insensitively.
 */
export function breachedPasswords(): Set<string> {
  breached ??= new Set(
    BREACHED_PASSWORDS.split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line.length > 0),
  );
  return breached;
}

/** Length by characters (code points), then the breached list and the user's own email. */
export function checkPassword(password: string, field: string, email?: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN) throw new ValidationProblem(field, `${field} must be at least ${PASSWORD_MIN} characters`);
  if (length > PASSWORD_MAX) throw new ValidationProblem(field, `${field} must be at most ${PASSWORD_MAX} characters (it is never truncated)`);
  const lowered = password.toLowerCase();
  if (breachedPasswords().has(lowered)) throw new ValidationProblem(field, `${field} is too common: it appears in lists of breached passwords`, 'IDENTITY.WEAK_PASSWORD');
  if (email && (lowered === email.toLowerCase() || lowered === email.toLowerCase().split('@')[0])) {
    throw new ValidationProblem(field, `${field} must not be the email address`, 'IDENTITY.WEAK_PASSWORD');
  }
}
