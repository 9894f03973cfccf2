import { streamName } from '@tally/eventstore';
import { CONTEST_CATEGORY } from './contest.events';
import { VOTER_CATEGORY } from './voter.events';

export const voterStream = (tenantId: string, userId: string): string => streamName(VOTER_CATEGORY, tenantId, userId);
export const contestStream = (tenantId: string, contestId: string): string => streamName(CONTEST_CATEGORY, tenantId, contestId);

/** The UTC calendar day of an instant, which is the unit of the free daily allowance. */
export const utcDay = (nowMs: number): string => new Date(nowMs).toISOString().slice(0, 10);
