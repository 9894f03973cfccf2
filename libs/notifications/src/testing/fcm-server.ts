import { generateKeyPairSync, KeyObject, randomBytes, verify } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedFcmMessage {
  projectId: string;
  message: { token: string; notification: { title: string; body: string }; data: Record<string, string>; android?: unknown; apns?: unknown };
}

/**
 * A local stand-in for Google's OAuth2 token endpoint and FCM's HTTP v1 send endpoint, checked
 * as they check: the token request must be a JWT bearer grant whose RS256 signature verifies with
 * the service account's public key (generated here; the private key goes into the service account
 * JSON the app is configured with), with iss, scope, aud, iat and exp right; a send must carry an
 * access token this server issued and a message of the v1 shape (token, notification title/body,
 * string-only data). Tokens starting `gone-` answer 404 UNREGISTERED, as FCM does for an
 * uninstalled app.
 */
export class LocalFcmServer {
  readonly projectId = 'tally-test-project';
  readonly clientEmail = 'push@tally-test-project.iam.gserviceaccount.com';
  readonly received: ReceivedFcmMessage[] = [];
  readonly refused: string[] = [];
  tokensIssued = 0;
  private readonly publicKey: KeyObject;
  private readonly privateKeyPem: string;
  private readonly accessTokens = new Set<string>();
  private server: Server | null = null;
  private origin = '';

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.publicKey = pair.publicKey;
    this.privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  get baseUrl(): string {
    return this.origin;
  }

  get tokenUri(): string {
    return `${this.origin}/token`;
  }

  /** The service account key file as Google hands it out (the fields Tally reads). */
  serviceAccountJson(): string {
    return JSON.stringify({ type: 'service_account', project_id: this.projectId, client_email: this.clientEmail, private_key: this.privateKeyPem, token_uri: this.tokenUri });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    try {
      if (req.method === 'POST' && req.url === '/token') return this.issueToken(body, res);
      const send = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(req.url ?? '');
      if (req.method === 'POST' && send) return this.acceptMessage(decodeURIComponent(send[1]), req, body, res);
      json(res, 404, { error: { status: 'NOT_FOUND' } });
    } catch (error) {
      this.refused.push((error as Error).message);
      json(res, 400, { error: { status: 'INVALID_ARGUMENT', message: (error as Error).message } });
    }
  }

  private issueToken(body: string, res: ServerResponse): void {
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') throw new Error(`grant_type ${String(form.get('grant_type'))}`);
    const [header, claims, signature] = (form.get('assertion') ?? '').split('.');
    if ((JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string }).alg !== 'RS256') throw new Error('assertion is not RS256');
    if (!verify('sha256', Buffer.from(`${header}.${claims}`), this.publicKey, Buffer.from(signature, 'base64url'))) {
      this.refused.push('assertion signature does not verify');
      return json(res, 401, { error: 'invalid_grant' });
    }
    const c = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { iss: string; scope: string; aud: string; iat: number; exp: number };
    const now = Math.floor(Date.now() / 1000);
    if (c.iss !== this.clientEmail) throw new Error(`iss ${c.iss}`);
    if (c.scope !== 'https://www.googleapis.com/auth/firebase.messaging') throw new Error(`scope ${c.scope}`);
    if (c.aud !== this.tokenUri) throw new Error(`aud ${c.aud}`);
    if (Math.abs(c.iat - now) > 300 || c.exp - c.iat > 3600 || c.exp <= now) throw new Error(`iat ${c.iat} exp ${c.exp}`);
    const token = `ya29.${randomBytes(24).toString('base64url')}`;
    this.accessTokens.add(token);
    this.tokensIssued++;
    json(res, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
  }

  private acceptMessage(projectId: string, req: IncomingMessage, body: string, res: ServerResponse): void {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !this.accessTokens.has(bearer)) return json(res, 401, { error: { status: 'UNAUTHENTICATED' } });
    if (projectId !== this.projectId) return json(res, 403, { error: { status: 'PERMISSION_DENIED' } });
    const { message } = JSON.parse(body) as ReceivedFcmMessage;
    if (typeof message?.token !== 'string') throw new Error('message.token missing');
    if (typeof message.notification?.title !== 'string' || typeof message.notification.body !== 'string') throw new Error('message.notification needs title and body');
    if (!Object.values(message.data ?? {}).every((value) => typeof value === 'string')) throw new Error('message.data values must be strings');
    if (message.token.startsWith('gone-')) return json(res, 404, { error: { status: 'NOT_FOUND', details: [{ errorCode: 'UNREGISTERED' }] } });
    this.received.push({ projectId, message });
    json(res, 200, { name: `projects/${projectId}/messages/${randomBytes(8).toString('hex')}` });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
