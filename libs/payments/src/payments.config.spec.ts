import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPaymentsConfig } from './payments.config';

describe('payments config: the sandbox', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-payments-config-'));
  const dev = { dataDir, production: false };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is on by default with no provider key, with a secret generated once under DATA_DIR and kept', () => {
    const first = loadPaymentsConfig({}, dev).sandbox;
    const second = loadPaymentsConfig({}, dev).sandbox;
    if (first.mode === 'off' || second.mode === 'off') throw new Error(`expected the sandbox on, got ${JSON.stringify(first)}`);
    expect(first.mode).toBe('auto');
    expect(second.webhookSecret.reveal()).toBe(first.webhookSecret.reveal());
    expect(first.webhookSecret.reveal()).toBe(`whsec_sandbox_${readFileSync(join(dataDir, 'payments-sandbox-secret'), 'utf8').trim()}`);
  });

  it('is off by default when the platform has a Stripe or Paystack key', () => {
    expect(loadPaymentsConfig({ STRIPE_SECRET_KEY: 'sk_test_x' }, dev).sandbox).toEqual({ mode: 'off', reason: 'a platform provider key is set' });
    expect(loadPaymentsConfig({ PAYSTACK_SECRET_KEY: 'sk_test_y' }, dev).sandbox.mode).toBe('off');
    expect(loadPaymentsConfig({ PAYSTACK_SECRET_KEY: 'sk_test_y', PAYMENTS_SANDBOX: 'true' }, dev).sandbox.mode).toBe('on');
    expect(loadPaymentsConfig({ PAYMENTS_SANDBOX: 'false' }, dev).sandbox).toEqual({ mode: 'off', reason: 'PAYMENTS_SANDBOX=false' });
  });

  it('is never on in production, and asking for it there stops the start', () => {
    const production = { dataDir, production: true };
    expect(loadPaymentsConfig({}, production).sandbox).toEqual({ mode: 'off', reason: 'NODE_ENV=production' });
    expect(() => loadPaymentsConfig({ PAYMENTS_SANDBOX: 'true' }, production)).toThrow(
      'Invalid configuration: PAYMENTS_SANDBOX cannot be enabled with NODE_ENV=production: the sandbox grants credits without any money',
    );
  });

  it('refuses a value that is neither auto nor a boolean', () => {
    expect(() => loadPaymentsConfig({ PAYMENTS_SANDBOX: 'maybe' }, dev)).toThrow('Invalid configuration: PAYMENTS_SANDBOX must be true or false, got "maybe"');
  });
});
