import { deterministicUuid } from './deterministic-uuid';
import { isUuid } from './uuid-v7';

describe('deterministicUuid', () => {
  it('gives the same version-8 UUID for the same namespace and name, another for another name', () => {
    const id = deterministicUuid('tally-credits', 'payment', 'pay_1');
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('8');
    expect('89ab').toContain(id[19]);
    expect(deterministicUuid('tally-credits', 'payment', 'pay_1')).toBe(id);
    expect(deterministicUuid('tally-credits', 'payment', 'pay_2')).not.toBe(id);
    expect(deterministicUuid('other-namespace', 'payment', 'pay_1')).not.toBe(id);
  });

  // Ids already stored in event streams were minted by the former creditOperationId; a retried
  // webhook or a second seed must find them again, so these values may never change.
  it('reproduces the ids creditOperationId stored before it moved to the platform', () => {
    expect(deterministicUuid('tally-credits', 'payment', 'pay_1')).toBe('3841fad3-0de0-816a-9388-2630674a0584');
    expect(deterministicUuid('tally-credits', 'checkout', 't1|u1|key-1')).toBe('61635710-2bb0-894d-b5fd-e507fcbbeece');
    expect(deterministicUuid('tally-credits', 'checkout', 't1', 'u1', 'key-1')).toBe('61635710-2bb0-894d-b5fd-e507fcbbeece');
    expect(deterministicUuid('tally-credits', 'demo-contest', '00000000-0000-7000-8000-000000000001')).toBe('e6b26f3b-a5e7-819d-a64d-9dde26ae6b73');
  });
});
