import { RateLimitError } from '../../ratelimit.errors';
import { BlockClientInput } from './block-client.command';
import { decideBlockClient } from './block-client.decide';

const NOW = new Date('2026-03-01T12:00:00Z');
const input: BlockClientInput = { network: '203.0.113.77/24', durationSeconds: 600, reason: 'card testing', source: 'edge' };

describe('decideBlockClient', () => {
  it('stores the network normalised and the end of the block', () => {
    expect(decideBlockClient(input, 'b1', NOW)).toEqual([
      { type: 'ClientBlocked', data: { blockId: 'b1', network: '203.0.113.0/24', reason: 'card testing', source: 'edge', until: '2026-03-01T12:10:00.000Z', at: NOW.toISOString() } },
    ]);
    expect(decideBlockClient({ ...input, network: '2001:DB8:1:2:3::9/64' }, 'b2', NOW)[0].data.network).toBe('2001:db8:1:2::/64');
    expect(decideBlockClient({ ...input, network: '::ffff:198.51.100.7' }, 'b3', NOW)[0].data.network).toBe('198.51.100.7');
  });

  it.each([
    ['network', { network: 'evil.example' }],
    ['network', { network: '10.0.0.0/7' }],
    ['network', { network: '2001::/16' }],
    ['durationSeconds', { durationSeconds: 0 }],
    ['durationSeconds', { durationSeconds: 31 * 24 * 3600 }],
  ])('names the bad field %s', (field, change) => {
    let error: unknown;
    try {
      decideBlockClient({ ...input, ...change }, 'b', NOW);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).details.errors).toEqual([expect.objectContaining({ field })]);
  });
});
