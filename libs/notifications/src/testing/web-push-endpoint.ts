import { createDecipheriv, createECDH, createPublicKey, ECDH, hkdfSync, randomBytes, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A browser's side of a subscription: what it hands the server, and the private key only it has. */
export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: ECDH;
  authSecret: Buffer;
}

/** One message the endpoint accepted, decrypted and with its VAPID token checked. */
export interface ReceivedPush {
  subscriptionId: string;
  payload: { title: string; body: string; data: Record<string, string> };
  vapid: { aud: string; exp: number; sub: string; publicKey: string };
  headers: { ttl: string | undefined; topic: string | undefined; urgency: string | undefined };
}

/** How the endpoint answers: accept (201), drop the connection (down), 410 Gone, or another status. */
export type EndpointMode = 'accept' | 'down' | 'gone' | { status: number };

/**
 * A local Web Push service for tests (RFC 8030 over HTTPS on 127.0.0.1, port 0, with a
 * self-signed certificate made by openssl: point PUSH_TLS_CA_FILE at `caFile`). Every request is checked as
 * a push service would and, beyond that, opened as only the browser could: the VAPID JWT
 * (RFC 8292) is verified with ES256 against the `k` key and its aud, exp and sub checked; the
 * aes128gcm body (RFC 8188) is decrypted with the subscription's private key and auth secret
 * (RFC 8291: ECDH, then HKDF to the content key and nonce). The encryption is web-push's; the
 * decryption here is written from the RFCs, so a message that decrypts proves both agree.
 */
export class WebPushEndpoint {
  readonly received: ReceivedPush[] = [];
  /** Every request that reached the endpoint, answered or not (retries show up here). */
  readonly attempts: { subscriptionId: string; mode: string }[] = [];
  readonly refused: string[] = [];
  private readonly subscriptions = new Map<string, BrowserSubscription>();
  private readonly modes = new Map<string, EndpointMode>();
  private server: Server | null = null;
  private origin = '';
  private readonly dir = mkdtempSync(join(tmpdir(), 'tally-push-endpoint-'));
  /** The endpoint's certificate (self-signed for IP 127.0.0.1): the CA a sender must trust. */
  readonly caFile = join(this.dir, 'cert.pem');

  constructor(private readonly expected: { vapidPublicKey: string; subject: string }) {}

  async start(): Promise<this> {
    const keyFile = join(this.dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', this.caFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    this.server = createServer({ key: readFileSync(keyFile), cert: readFileSync(this.caFile) }, (req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A new browser subscription at this endpoint (fresh P-256 key pair and auth secret). */
  subscribe(mode: EndpointMode = 'accept'): BrowserSubscription {
    const id = randomBytes(8).toString('hex');
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const authSecret = randomBytes(16);
    const subscription = { endpoint: `${this.origin}/push/${id}`, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') }, ecdh, authSecret };
    this.subscriptions.set(id, subscription);
    this.modes.set(id, mode);
    return subscription;
  }

  setMode(subscription: BrowserSubscription, mode: EndpointMode): void {
    this.modes.set(idOf(subscription.endpoint), mode);
  }

  receivedBy(subscription: BrowserSubscription): ReceivedPush[] {
    const id = idOf(subscription.endpoint);
    return this.received.filter((push) => push.subscriptionId === id);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = /^\/push\/([0-9a-f]+)$/.exec(req.url ?? '')?.[1] ?? '';
    const subscription = this.subscriptions.get(id);
    const mode = this.modes.get(id) ?? 'accept';
    this.attempts.push({ subscriptionId: id, mode: typeof mode === 'string' ? mode : String(mode.status) });
    if (mode === 'down') {
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    if (!subscription || req.method !== 'POST') return answer(res, 404, 'no such subscription');
    if (mode === 'gone') return answer(res, 410, 'subscription expired');
    if (typeof mode === 'object') return answer(res, mode.status, 'refused by the test');
    try {
      const vapid = this.verifyVapid(req);
      if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error(`Content-Encoding ${String(req.headers['content-encoding'])}`);
      const payload = JSON.parse(decryptAes128gcm(body, subscription).toString('utf8')) as ReceivedPush['payload'];
      const header = (name: string) => req.headers[name] as string | undefined;
      this.received.push({ subscriptionId: id, payload, vapid, headers: { ttl: header('ttl'), topic: header('topic'), urgency: header('urgency') } });
      answer(res, 201, '');
    } catch (error) {
      this.refused.push((error as Error).message);
      answer(res, 403, (error as Error).message);
    }
  }

  /** `Authorization: vapid t=<JWT>, k=<public key>` (RFC 8292 §3): ES256 over the token, then its claims. */
  private verifyVapid(req: IncomingMessage): ReceivedPush['vapid'] {
    const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
    if (!match) throw new Error(`Authorization is not a VAPID header: ${req.headers.authorization ?? '(none)'}`);
    const [, token, publicKey] = match;
    if (publicKey !== this.expected.vapidPublicKey) throw new Error('VAPID k is not the server key');
    const [header, claims, signature] = token.split('.');
    if ((JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string }).alg !== 'ES256') throw new Error('VAPID JWT is not ES256');
    const point = Buffer.from(publicKey, 'base64url');
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') }, format: 'jwk' });
    const valid = verify('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
    if (!valid) throw new Error('VAPID signature does not verify');
    const body = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud: string; exp: number; sub: string };
    const now = Math.floor(Date.now() / 1000);
    if (body.aud !== this.origin) throw new Error(`VAPID aud ${body.aud} is not ${this.origin}`);
    if (!(body.exp > now && body.exp <= now + 24 * 3600)) throw new Error(`VAPID exp ${body.exp} is not within 24 h from now`);
    if (body.sub !== this.expected.subject) throw new Error(`VAPID sub ${body.sub}`);
    return { ...body, publicKey };
  }
}

/**
 * RFC 8188 framing, RFC 8291 keys: salt(16) ‖ rs(4) ‖ idlen(1) ‖ keyid (the sender's public key)
 * ‖ records. One record here (web-push sends one): plaintext ‖ 0x02 ‖ zero padding.
 */
export function decryptAes128gcm(body: Buffer, subscription: Pick<BrowserSubscription, 'ecdh' | 'authSecret'>): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20];
  const senderKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (record.length > recordSize) throw new Error('More than one record');
  const receiverKey = subscription.ecdh.getPublicKey();
  const ecdhSecret = subscription.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiverKey, senderKey]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, subscription.authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('The last record lacks its 0x02 delimiter');
  return padded.subarray(0, end);
}

function idOf(endpoint: string): string {
  return new URL(endpoint).pathname.split('/').pop() ?? '';
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
}
