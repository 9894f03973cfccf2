import { createHmac } from 'node:crypto';
import { Secret } from '../../payments.config';

/**
 * Signs a sandbox delivery exactly as Stripe signs its webhooks (`t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "t.body">`), so it is checked by the same code as Stripe's, tolerance and all.
 */
export function signSandboxDelivery(payload: string, secret: Secret, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const signature = createHmac('sha256', secret.reveal()).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
