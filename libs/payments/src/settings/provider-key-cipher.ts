import { Injectable } from '@nestjs/common';
import { Envelope, MasterKeyring, SecretSealer } from '@tally/platform';
import { ProviderName } from '../domain/payment.events';
import { Secret } from '../payments.config';

export type ProviderKeyField = 'secretKey' | 'webhookSecret';

/**
 * Seals tenants' provider keys under the platform master key (AES-256-GCM, random IV, key id
 * for rotation). The tenant, provider and field are bound into each envelope, so a row copied
 * to another tenant or column does not open.
 */
@Injectable()
export class ProviderKeyCipher {
  private readonly sealer: SecretSealer;

  constructor(keyring: MasterKeyring) {
    this.sealer = keyring.sealer('tally.payments.provider-keys.v1');
  }

  seal(tenantId: string, provider: ProviderName, field: ProviderKeyField, value: string): Envelope {
    return this.sealer.seal(contextOf(tenantId, provider, field), value);
  }

  open(tenantId: string, provider: ProviderName, field: ProviderKeyField, envelope: Envelope): Secret {
    return new Secret(this.sealer.open(envelope, contextOf(tenantId, provider, field)));
  }

  isCurrent(envelope: Envelope): boolean {
    return this.sealer.isCurrent(envelope);
  }
}

function contextOf(tenantId: string, provider: ProviderName, field: ProviderKeyField): string {
  return `${tenantId}|${provider}|${field}`;
}
