import { sign } from 'node:crypto';
import type { FcmServiceAccount } from '../notifications.config';
import { PushSendError } from './push-sender.port';

const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
/** Renew this long before the token expires, so a send never carries one that expires in flight. */
const RENEW_BEFORE_MS = 60_000;

/**
 * OAuth2 for a service account (RFC 7523 JWT bearer grant, as Google's libraries do it): a JWT
 * signed RS256 with the account's key, exchanged at its token_uri for an access token, kept
 * until shortly before it expires. One exchange at a time: concurrent sends share it.
 */
export class FcmAccessToken {
  private current: { token: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly account: FcmServiceAccount,
    private readonly timeoutMs: number,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.current.expiresAt - RENEW_BEFORE_MS > Date.now()) return this.current.token;
    this.pending ??= this.exchange().finally(() => (this.pending = null));
    return this.pending;
  }

  /** After a 401: the token was revoked or the clock is off; the next send gets a new one. */
  forget(): void {
    this.current = null;
  }

  private async exchange(): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: this.assertion() });
    const response = await fetch(this.account.tokenUri, { method: 'POST', body, signal: AbortSignal.timeout(this.timeoutMs) }).catch((error: Error) => {
      throw new PushSendError(`FCM token exchange failed: ${error.message}`, null);
    });
    const json = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!response.ok || !json.access_token) throw new PushSendError(`FCM token exchange answered ${response.status}`, response.status);
    this.current = { token: json.access_token, expiresAt: Date.now() + (json.expires_in ?? 3600) * 1000 };
    return json.access_token;
  }

  private assertion(): string {
    const now = Math.floor(Date.now() / 1000);
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ iss: this.account.clientEmail, scope: FCM_SCOPE, aud: this.account.tokenUri, iat: now, exp: now + 3600 })).toString('base64url');
    const signature = sign('sha256', Buffer.from(`${header}.${claims}`), this.account.privateKey).toString('base64url');
    return `${header}.${claims}.${signature}`;
  }
}
