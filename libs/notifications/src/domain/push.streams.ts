import { streamName } from '@tally/eventstore';
import { CONTEST_NOTICE_CATEGORY, PUSH_CATEGORY } from './push.events';

export const pushStream = (tenantId: string, userId: string): string => streamName(PUSH_CATEGORY, tenantId, userId);
export const contestNoticeStream = (tenantId: string, contestId: string): string => streamName(CONTEST_NOTICE_CATEGORY, tenantId, contestId);
