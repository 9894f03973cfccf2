import { streamName } from '@tally/eventstore';
import { JUDGING_CATEGORY } from './judging.events';

export const judgingStream = (tenantId: string, contestId: string): string => streamName(JUDGING_CATEGORY, tenantId, contestId);
