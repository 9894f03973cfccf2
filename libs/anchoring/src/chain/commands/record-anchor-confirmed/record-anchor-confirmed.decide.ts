import { AnchorConfirmed } from '../../domain/anchor.events';
import { ContestAnchorsState } from '../../domain/contest-anchors.state';
import { RecordAnchorConfirmedInput } from './record-anchor-confirmed.command';

/**
 * Once per anchor: the publish task may find an anchor confirmed again (a run repeated after a
 * crash, a re-anchoring after a reorganisation), and each reader of the event acts on it once.
 * `eventId` is derived from the anchor id, so even two processes racing append it once.
 */
export function decideRecordAnchorConfirmed(input: RecordAnchorConfirmedInput, eventId: string, state: ContestAnchorsState, now: Date): AnchorConfirmed[] {
  if (state.confirmed.has(input.anchorId)) return [];
  return [{ id: eventId, type: 'AnchorConfirmed', data: { ...input, at: now.toISOString() } }];
}
