import { createHmac } from 'node:crypto';

/**
 * User ids leave Tally only as pseudonyms: HMAC-SHA256 keyed per tenant, the tenant's key
 * itself an HMAC of the analytics secret (ANALYTICS_PSEUDONYM_KEY) and the tenant id. The same
 * user has the same pseudonym in one tenant's export, so funnels and retention still work, but
 * two tenants' exports cannot be joined, and nobody without the secret can go back to the id
 * or test a guessed one. Rotating the secret unlinks every earlier export.
 */
export class Pseudonymizer {
  private readonly tenantKeys = new Map<string, Buffer>();

  constructor(private readonly secret: Buffer) {}

  pseudonym(tenantId: string, userId: string): string {
    // 128 bits: no collisions among any realistic number of voters, and shorter ids in the sink.
    return createHmac('sha256', this.tenantKey(tenantId)).update(userId, 'utf8').digest('base64url').slice(0, 22);
  }

  private tenantKey(tenantId: string): Buffer {
    let key = this.tenantKeys.get(tenantId);
    if (!key) {
      key = createHmac('sha256', this.secret).update(`tally-analytics-tenant:${tenantId}`, 'utf8').digest();
      this.tenantKeys.set(tenantId, key);
    }
    return key;
  }
}
