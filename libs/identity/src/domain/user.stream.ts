import { streamName, StreamDecider } from '@tally/eventstore';
import type { UserEvent } from './user.events';
import { evolveUser, initialUserState, UserState } from './user.state';

export const userStream = (tenantId: string, userId: string): string => streamName('user', tenantId, userId);

export const userDecider: StreamDecider<UserState, UserEvent> = {
  aggregate: 'user',
  initialState: initialUserState,
  evolve: evolveUser,
};
