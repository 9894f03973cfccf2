import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the fake provider received, as the SDK (or our fetch) sent it. */
export interface RecordedProviderRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed body: Stripe's form encoding flattened to `a[b]` keys, or Paystack's JSON. */
  body: Record<string, unknown>;
}

type Responder = (request: RecordedProviderRequest) => { status: number; body: unknown } | undefined;

/**
 * A local HTTP server standing in for Stripe's and Paystack's APIs in tests: the real SDK and
 * our fetch calls are pointed at it (STRIPE_API_URL / PAYSTACK_API_URL) and it records what
 * arrives. It answers like the provider for the calls Tally makes; Stripe's idempotency keys
 * are honoured (a repeated key returns the first object).
 */
export class FakeProviderServer {
  readonly requests: RecordedProviderRequest[] = [];
  private server?: Server;
  private readonly byIdempotencyKey = new Map<string, unknown>();
  private counter = 0;
  private readonly overrides: Responder[] = [];
  /** Payment intents the fake "Stripe" lists for reconciliation. */
  readonly stripeIntents: Record<string, unknown>[] = [];
  /** Transactions the fake "Paystack" lists for reconciliation. */
  readonly paystackTransactions: Record<string, unknown>[] = [];
  /** Stripe Billing subscriptions the fake created or updated, by id (the subscriptions context's recurring billing). */
  readonly stripeSubscriptions = new Map<string, Record<string, unknown>>();

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('FakeProviderServer not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Answer matching requests differently (e.g. an error) until removed. */
  respond(responder: Responder): void {
    this.overrides.push(responder);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://local');
    const body: Record<string, unknown> = text === '' ? {} : req.headers['content-type']?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(text));
    const recorded: RecordedProviderRequest = { method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers, body };
    this.requests.push(recorded);
    for (const override of this.overrides) {
      const answer = override(recorded);
      if (answer) return send(res, answer.status, answer.body);
    }
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string' && this.byIdempotencyKey.has(`${url.pathname}|${key}`)) {
      return send(res, 200, this.byIdempotencyKey.get(`${url.pathname}|${key}`));
    }
    const answer = this.answer(recorded, url);
    if (typeof key === 'string' && answer.status < 300) this.byIdempotencyKey.set(`${url.pathname}|${key}`, answer.body);
    send(res, answer.status, answer.body);
  }

  private answer(request: RecordedProviderRequest, url: URL): { status: number; body: unknown } {
    const n = ++this.counter;
    const { body } = request;
    if (request.method === 'POST' && url.pathname === '/v1/payment_intents') {
      const metadata = Object.fromEntries(Object.entries(body).filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v]));
      const intent = { id: `pi_fake_${n}`, object: 'payment_intent', amount: Number(body.amount), amount_received: 0, currency: body.currency, status: 'requires_payment_method', client_secret: `pi_fake_${n}_secret_${n}`, metadata, payment_method_types: ['card'], created: Math.floor(Date.now() / 1000) };
      this.stripeIntents.unshift(intent);
      return { status: 200, body: intent };
    }
    if (request.method === 'POST' && url.pathname === '/v1/refunds') {
      return { status: 200, body: { id: `re_fake_${n}`, object: 'refund', amount: Number(body.amount), payment_intent: body.payment_intent, status: 'succeeded', currency: 'usd' } };
    }
    if (request.method === 'GET' && url.pathname === '/v1/payment_intents') {
      return { status: 200, body: { object: 'list', data: this.stripeIntents, has_more: false, url: '/v1/payment_intents' } };
    }
    const billing = this.billing(request, url, n);
    if (billing) return billing;
    if (request.method === 'POST' && url.pathname === '/transaction/initialize') {
      return { status: 200, body: { status: true, message: 'Authorization URL created', data: { authorization_url: `https://checkout.paystack.test/${n}`, access_code: `ac_${n}`, reference: body.reference } } };
    }
    if (request.method === 'POST' && url.pathname === '/refund') {
      return { status: 200, body: { status: true, message: 'Refund has been queued for processing', data: { id: 9000 + n, status: 'pending', amount: body.amount } } };
    }
    if (request.method === 'GET' && url.pathname === '/transaction') {
      return { status: 200, body: { status: true, message: 'Transactions retrieved', data: this.paystackTransactions, meta: { page: 1, pageCount: 1 } } };
    }
    return { status: 404, body: { error: { type: 'invalid_request_error', message: `No fake for ${request.method} ${url.pathname}` } } };
  }

  /** Stripe Billing: customers, prices (with product_data), subscriptions and their updates (price change with proration, cancel at period end). */
  private billing(request: RecordedProviderRequest, url: URL, n: number): { status: number; body: unknown } | undefined {
    const { body } = request;
    const now = Math.floor(Date.now() / 1000);
    if (request.method === 'POST' && url.pathname === '/v1/customers') {
      return { status: 200, body: { id: `cus_fake_${n}`, object: 'customer', metadata: nested(body, 'metadata') } };
    }
    if (request.method === 'POST' && url.pathname === '/v1/prices') {
      return { status: 200, body: { id: `price_fake_${n}`, object: 'price', currency: body.currency, unit_amount: Number(body.unit_amount), recurring: { interval: 'month' }, metadata: nested(body, 'metadata') } };
    }
    if (request.method === 'POST' && url.pathname === '/v1/subscriptions') {
      const item = { id: `si_fake_${n}`, object: 'subscription_item', price: { id: body['items[0][price]'] }, current_period_start: now, current_period_end: now + 30 * 86_400 };
      const subscription = { id: `sub_fake_${n}`, object: 'subscription', customer: body.customer, status: 'incomplete', cancel_at_period_end: false, metadata: nested(body, 'metadata'), items: { object: 'list', data: [item] } };
      this.stripeSubscriptions.set(subscription.id, subscription);
      return { status: 200, body: subscription };
    }
    const update = /^\/v1\/subscriptions\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'POST' && update) {
      const subscription = this.stripeSubscriptions.get(update[1]);
      if (!subscription) return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such subscription: '${update[1]}'` } } };
      if (body['items[0][price]']) (subscription.items as { data: { price: { id: unknown } }[] }).data[0].price = { id: body['items[0][price]'] };
      if (body.cancel_at_period_end !== undefined) subscription.cancel_at_period_end = body.cancel_at_period_end === 'true';
      return { status: 200, body: subscription };
    }
    return undefined;
  }
}

/** Stripe's form encoding flattened (`metadata[a]`, `items[0][price]`) back to one level of keys under a prefix. */
function nested(body: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => k.startsWith(`${prefix}[`)).map(([k, v]) => [k.slice(prefix.length + 1, k.indexOf(']', prefix.length)), v]));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': 'req_fake' });
  res.end(JSON.stringify(body));
}
