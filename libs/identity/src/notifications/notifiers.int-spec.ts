import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { HttpSmsNotifier } from './http-sms.notifier';
import { SmtpNotifier } from './smtp.notifier';
import { TwilioSmsNotifier } from './twilio-sms.notifier';

/** Real adapters against local real servers: an SMTP server, and HTTP listeners. */
describe('notifier adapters', () => {
  it('sends email over SMTP to a local server that receives the code', async () => {
    const received: { from: string; to: string[]; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const notifier = new SmtpNotifier(`smtp://127.0.0.1:${port}`, 'Tally <no-reply@tally.test>');
    try {
      await notifier.send({ channel: 'email', to: 'ada@example.com', subject: 'Your Tally code', body: 'Your Tally code to sign in is 482913. It expires in 5 minutes.' });
    } finally {
      notifier.close();
      await new Promise<void>((resolve) => smtp.close(resolve));
    }
    expect(received).toHaveLength(1);
    expect(received[0].from).toBe('no-reply@tally.test');
    expect(received[0].to).toEqual(['ada@example.com']);
    expect(received[0].data).toMatch(/Subject: Your Tally code/);
    expect(/code to sign in is (\d{6})/.exec(received[0].data)?.[1]).toBe('482913');
  });

  it('fails when the SMTP server is unreachable (so the dispatcher retries)', async () => {
    const notifier = new SmtpNotifier('smtp://127.0.0.1:1', 'no-reply@tally.test');
    await expect(notifier.send({ channel: 'email', to: 'a@b.test', subject: 's', body: 'b' })).rejects.toThrow();
    notifier.close();
  });

  describe('over HTTP', () => {
    let server: Server;
    let base: string;
    const requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
    let status = 200;
    let reply = '{}';

    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
          res.writeHead(status, { 'content-type': 'application/json' }).end(reply);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(() => {
      requests.length = 0;
      status = 200;
      reply = '{}';
    });

    it('posts { to, body } JSON to the SMS webhook, which reads the code', async () => {
      await new HttpSmsNotifier(`${base}/sms`).send({ channel: 'sms', to: '+14155552671', subject: 'ignored', body: 'Your Tally code to sign in is 118822.' });
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ method: 'POST', url: '/sms' });
      expect(requests[0].headers['content-type']).toBe('application/json');
      const payload = JSON.parse(requests[0].body) as { to: string; body: string };
      expect(payload).toEqual({ to: '+14155552671', body: 'Your Tally code to sign in is 118822.' });
      expect(/(\d{6})/.exec(payload.body)?.[1]).toBe('118822');
    });

    it('treats a non-2xx webhook answer as a failure', async () => {
      status = 503;
      await expect(new HttpSmsNotifier(`${base}/sms`).send({ channel: 'sms', to: '+14155552671', subject: '', body: 'x' })).rejects.toThrow('SMS webhook answered 503');
    });

    it("sends through Twilio's SDK (its real HTTP client, pointed at a local listener)", async () => {
      status = 201;
      reply = JSON.stringify({ sid: 'SM00000000000000000000000000000001', status: 'queued', to: '+14155552671', from: '+15005550006', body: 'x' });
      const notifier = new TwilioSmsNotifier({ accountSid: 'AC00000000000000000000000000000000', authToken: 'token', from: '+15005550006', apiBaseUrl: base });
      await notifier.send({ channel: 'sms', to: '+14155552671', subject: '', body: 'Your Tally code to sign in is 905531.' });
      expect(requests).toHaveLength(1);
      expect(requests[0].url).toBe('/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json');
      expect(requests[0].headers.authorization).toBe(`Basic ${Buffer.from('AC00000000000000000000000000000000:token').toString('base64')}`);
      const form = new URLSearchParams(requests[0].body);
      expect(form.get('To')).toBe('+14155552671');
      expect(form.get('From')).toBe('+15005550006');
      expect(/(\d{6})/.exec(form.get('Body') ?? '')?.[1]).toBe('905531');
    });
  });
});
