import { BatchReactor, RecordedEvent, REGISTERED_REACTOR } from '@tally/eventstore';
import { CdnConfig } from '../../cdn.config';
import { CdnPurgeError } from '../../cdn.errors';
import { PURGED_EVENT_TYPES, PURGED_STREAM_PREFIXES, purgeKeysOfBatch } from '../../domain/purge-keys';

export const CDN_PURGE = 'cdn.purge';

/**
 * Tells the CDN which cached responses went stale: for each batch of events that change a
 * leaderboard, a contest or a tenant's branding, one POST to CDN_PURGE_URL naming the surrogate
 * keys (each once), Fastly's batch-purge shape: `{"surrogate_keys": [...]}` and the same keys in a
 * Surrogate-Key header (docs/cdn.md shows Fastly and Cloudflare). At least once, which a purge
 * tolerates. A purge may reach the CDN a little before the leaderboard projection applied the vote;
 * the leaderboard's s-maxage (5 s) bounds what that leaves stale.
 */
export class CdnPurgeReactor implements BatchReactor {
  readonly name = CDN_PURGE;
  readonly filter = { streamPrefixes: PURGED_STREAM_PREFIXES, eventTypes: PURGED_EVENT_TYPES };
  readonly batchSize = 500;

  constructor(private readonly config: CdnConfig & { purgeUrl: string }) {}

  async reactBatch(events: readonly RecordedEvent[]): Promise<void> {
    const keys = purgeKeysOfBatch(events);
    for (let from = 0; from < keys.length; from += this.config.maxKeysPerCall) await this.purge(keys.slice(from, from + this.config.maxKeysPerCall));
  }

  react(event: RecordedEvent): Promise<void> {
    return this.reactBatch([event]);
  }

  private async purge(keys: string[]): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'surrogate-key': keys.join(' ') };
    if (this.config.purgeToken) headers.authorization = `Bearer ${this.config.purgeToken}`;
    let response: Response;
    try {
      response = await fetch(this.config.purgeUrl, { method: 'POST', headers, body: JSON.stringify({ surrogate_keys: keys }), signal: AbortSignal.timeout(this.config.timeoutMs) });
    } catch (error) {
      throw new CdnPurgeError(error instanceof Error ? error.message : String(error));
    }
    const body = await response.text().catch(() => '');
    if (!response.ok) throw new CdnPurgeError(`HTTP ${response.status} ${body.slice(0, 200)}`);
  }
}

/**
 * The reactor when CDN_PURGE_URL is set, else null (nothing runs). Marked with
 * @RegisteredReactor's metadata because a factory provider's wrapper carries the factory, not the class.
 */
export function cdnPurgeReactorFactory(config: CdnConfig): CdnPurgeReactor | null {
  return config.purgeUrl ? new CdnPurgeReactor({ ...config, purgeUrl: config.purgeUrl }) : null;
}
Reflect.defineMetadata(REGISTERED_REACTOR, true, cdnPurgeReactorFactory);
