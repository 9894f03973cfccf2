import { randomBytes, randomInt } from 'node:crypto';

/** 128 random bits, base64url (22 characters). */
export function randomSecret(): string {
  return randomBytes(16).toString('base64url');
}

/** A 6-digit code from the CSPRNG, uniform over 000000–999999. */
export function otpCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/**
 * Bearer tokens carry a locator and 128 random bits: `<kind>.<userId>.<id>.<secret>`. Only the
 * secret's hash is stored; the locator lets the command load the user's stream directly
 * (read models lag, and the token must work the moment it is issued).
 */
export interface ParsedToken {
  userId: string;
  id: string;
  secret: string;
}

export function formatToken(kind: 'rt' | 'pr', userId: string, id: string, secret: string): string {
  return `${kind}.${userId}.${id}.${secret}`;
}

const TOKEN = /^(rt|pr)\.([0-9a-f-]{36})\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})$/;

export function parseToken(kind: 'rt' | 'pr', token: unknown): ParsedToken | null {
  if (typeof token !== 'string') return null;
  const match = TOKEN.exec(token);
  if (!match || match[1] !== kind) return null;
  return { userId: match[2], id: match[3], secret: match[4] };
}
