import { formatNetwork, parseNetwork } from '../../client-address/ip-network';
import { ClientBlocked } from '../../domain/ratelimit.events';
import { RateLimitError } from '../../ratelimit.errors';
import { BlockClientInput } from './block-client.command';

/** No block wider than this: an IPv4 /8 or an IPv6 /32 is already a whole provider. */
const WIDEST = { 4: 8, 6: 32 } as const;
export const MAX_BLOCK_SECONDS = 30 * 24 * 3600;

/** Blocks a client address or network until now + duration, stored in one spelling. */
export function decideBlockClient(input: BlockClientInput, blockId: string, now: Date): ClientBlocked[] {
  const network = parseNetwork(input.network.trim());
  if (!network) throw invalid('network', 'an IPv4 or IPv6 address, or a CIDR network such as 203.0.113.0/24');
  if (network.prefix < WIDEST[network.family]) throw invalid('network', `at most an IPv${network.family} /${WIDEST[network.family]} at once`);
  if (input.durationSeconds < 1 || input.durationSeconds > MAX_BLOCK_SECONDS) throw invalid('durationSeconds', `between 1 and ${MAX_BLOCK_SECONDS}`);
  const until = new Date(now.getTime() + input.durationSeconds * 1000).toISOString();
  return [{ type: 'ClientBlocked', data: { blockId, network: formatNetwork(network), reason: input.reason, source: input.source, until, at: now.toISOString() } }];
}

function invalid(field: string, message: string): RateLimitError {
  return new RateLimitError('RATELIMIT.INVALID_BLOCK', `${field}: ${message}`, { errors: [{ field, message }] });
}
