import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { TestApp } from '../support/test-app';

/** A local SMS webhook (SMS_DRIVER=http) that keeps what it receives; numbers in `failFor` get 500. */
export class SmsInbox {
  readonly messages: { to: string; body: string }[] = [];
  readonly failFor = new Set<string>();
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        const message = JSON.parse(raw) as { to: string; body: string };
        if (this.failFor.has(message.to)) {
          res.writeHead(500).end();
          return;
        }
        this.messages.push(message);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Waits for the next code sent to `to` after `seen` messages to it were already read. */
  async codeFor(to: string, seen = 0): Promise<string> {
    const body = await waitFor(() => this.messages.filter((m) => m.to === to)[seen]?.body);
    return /\b(\d{6})\b/.exec(body)![1];
  }

  countFor(to: string): number {
    return this.messages.filter((m) => m.to === to).length;
  }
}

/** A local SMTP server (SMTP_URL) keeping each message's recipients and raw data. */
export class MailInbox {
  readonly messages: { to: string[]; data: string }[] = [];
  private server?: SMTPServer;
  url = '';

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          this.messages.push({ to: session.envelope.rcptTo.map((r) => r.address), data: data.replace(/=\r?\n/g, '') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(resolve) : resolve()));
  }

  async mailTo(to: string, seen = 0): Promise<string> {
    return waitFor(() => this.messages.filter((m) => m.to.includes(to))[seen]?.data);
  }
}

export async function waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const FAST_IDENTITY_ENV = {
  BCRYPT_COST: '4',
  PROJECTIONS_POLL_MS: '20',
};

/** Thin HTTP helpers naming the tenant on every call. */
export function api(t: TestApp, tenant = 'demo') {
  const call = (method: 'get' | 'post' | 'put' | 'delete', path: string, token?: string) => {
    const req = t.http()[method](path).set('X-Tenant-Id', tenant);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };
  return {
    get: (path: string, token?: string) => call('get', path, token),
    post: (path: string, body: object, token?: string) => call('post', path, token).send(body),
    put: (path: string, body: object, token?: string) => call('put', path, token).send(body),
    delete: (path: string, token?: string) => call('delete', path, token),
    async signup(email: string, password = 'Correct-Horse-9', phone?: string): Promise<string> {
      const res = await call('post', '/api/auth/signup').send({ email, password, ...(phone ? { phone } : {}) });
      if (res.status !== 201) throw new Error(`signup ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { userId: string }).userId;
    },
    async login(email: string, password = 'Correct-Horse-9'): Promise<{ accessToken: string; refreshToken: string; expiresIn: number }> {
      const res = await call('post', '/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { accessToken: string; refreshToken: string; expiresIn: number };
    },
  };
}

export const ADMIN = { email: 'root@tally.test', password: 'Adm1n-pass-long' };
