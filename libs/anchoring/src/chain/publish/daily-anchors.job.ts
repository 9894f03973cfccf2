import { Inject } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { Clock, CLOCK } from '@tally/platform';
import { TREE_HEADS, TreeHeads } from '../../tree-heads/signed-tree-head';
import { ANCHORING_CHAIN_CONFIG, AnchoringChainConfig } from '../anchoring-chain.config';
import { AnchorPublisher } from './anchor-publisher';

/** Two days: a day's run that failed or was missed is made up by the next one. */
const LOOK_BACK_MS = 48 * 3_600_000;

/**
 * Daily (ANCHORING_DAILY_CRON, UTC): the latest signed head of every contest whose log grew in
 * the last two days is anchored, once per head (a head anchored already, by a close or the day
 * before, is not sent again). Nothing when anchoring on a chain is off.
 */
@RegisteredJob()
export class DailyAnchorsJob implements ScheduledJob {
  readonly name = 'anchoring.daily-anchors';
  readonly schedule: { cron: string };

  constructor(
    @Inject(TREE_HEADS) private readonly heads: TreeHeads,
    private readonly publisher: AnchorPublisher,
    @Inject(ANCHORING_CHAIN_CONFIG) config: AnchoringChainConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.schedule = { cron: config.dailyCron };
  }

  async run(): Promise<{ enabled: boolean; heads: number; recordedNow: number }> {
    if (!this.publisher.enabled) return { enabled: false, heads: 0, recordedNow: 0 };
    const heads = await this.heads.latestSince(new Date(this.clock.now().getTime() - LOOK_BACK_MS));
    let recordedNow = 0;
    for (const head of heads) if ((await this.publisher.anchor(head, 'daily'))?.created) recordedNow++;
    return { enabled: true, heads: heads.length, recordedNow };
  }
}
