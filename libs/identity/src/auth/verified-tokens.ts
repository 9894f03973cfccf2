import { JwtCodec, VerifiedAccess } from './jwt-codec';

/**
 * Access tokens already checked, by their exact text, until they expire. A voter sends the same
 * token with every vote; checking its signature again each time (an HMAC, or an Ed25519 verify
 * that costs far more) buys nothing, because the text itself is what was signed. Expiry is
 * still checked on every use; revocation is checked by the caller on every use.
 */
export class VerifiedTokens {
  private readonly tokens = new Map<string, VerifiedAccess>();

  constructor(
    private readonly codec: JwtCodec,
    private readonly capacity = 20_000,
  ) {}

  verify(token: string, now: Date): VerifiedAccess | null {
    const known = this.tokens.get(token);
    if (known) {
      if (known.exp > now.getTime() / 1000) return known;
      this.tokens.delete(token);
    }
    const claims = this.codec.verify(token, now);
    if (!claims) return null;
    // Oldest first out: a Map iterates in insertion order.
    if (this.tokens.size >= this.capacity) this.tokens.delete(this.tokens.keys().next().value as string);
    this.tokens.set(token, claims);
    return claims;
  }
}
