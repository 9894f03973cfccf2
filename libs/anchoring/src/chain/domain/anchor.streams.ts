import { streamName } from '@tally/eventstore';
import { ANCHOR_CATEGORY } from './anchor.events';

export const anchorStream = (tenantId: string, contestId: string): string => streamName(ANCHOR_CATEGORY, tenantId, contestId);
