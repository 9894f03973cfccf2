import { EntityManager } from '@mikro-orm/postgresql';
import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection, unnestRows } from '@tally/eventstore';
import { ContestEvent, VoteCast, WITHOUT_SCREENING } from '@tally/voting';
import { AUDIENCE_EVENT_TYPES, PushEvent } from '../../domain/push.events';

export const PUSH_AUDIENCE_PROJECTION = 'notifications-audience';

/**
 * Who a notification goes to: each voter's devices and preferences (`push-` streams), who voted
 * in which event and for whom last (VoteCast; one row per voter and event, the favourite is the
 * contestant of their latest vote), and each
 * event's name, end date and status (for the closing-soon job and the messages). The push reactor
 * reads these after waiting for this projection to pass the event it delivers, so a close never
 * misses a vote or a subscription that came before it in the log. Upserts only: a rebuild gives
 * the same rows.
 */
@RegisteredProjection()
export class PushAudienceProjection implements Projection {
  readonly name = PUSH_AUDIENCE_PROJECTION;
  readonly version = 1;
  readonly filter = {
    streamPrefixes: ['push-', 'voter-', 'contest-'],
    eventTypes: [...AUDIENCE_EVENT_TYPES, 'VoteCast', 'ContestCreated', 'ContestEdited', 'ContestStatusChanged'],
  };
  readonly tables = ['push_devices', 'notification_preferences', 'notification_follows', 'notification_participants', 'notification_contests'];
  readonly omitData = WITHOUT_SCREENING;

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    // Votes are most of the log: one set-based insert per batch for them, in log order before nothing depends on them.
    const participants = new Map<string, { contest_id: string; user_id: string; tenant_id: string; favourite_contestant_id: string; first_position: string }>();
    for (const recorded of events) {
      if (recorded.type === 'VoteCast') {
        const vote = recorded.data as VoteCast['data'];
        // Re-set, not just set: the voter's favourite is the contestant of their latest vote, and the map keeps the last one.
        const key = `${vote.contestId}|${vote.userId}`;
        const first = participants.get(key)?.first_position ?? recorded.position;
        participants.delete(key);
        participants.set(key, { contest_id: vote.contestId, user_id: vote.userId, tenant_id: recorded.metadata.tenantId, favourite_contestant_id: vote.contestantId, first_position: first });
      } else if (recorded.streamId.startsWith('push-')) {
        await applyPushEvent(em, recorded.metadata.tenantId, recorded.position, { type: recorded.type, data: recorded.data } as PushEvent);
      } else {
        await applyContestEvent(em, recorded.metadata.tenantId, { type: recorded.type, data: recorded.data } as ContestEvent);
      }
    }
    if (participants.size === 0) return;
    const rows = unnestRows({ contest_id: 'uuid', user_id: 'text', tenant_id: 'text', favourite_contestant_id: 'uuid', first_position: 'text' }, [...participants.values()]);
    await em.execute(
      `insert into notification_participants (${rows.columns}) ${rows.select} on conflict (contest_id, user_id) do update set favourite_contestant_id = excluded.favourite_contestant_id`,
    );
  }
}

async function applyPushEvent(em: EntityManager, tenantId: string, position: string, event: PushEvent): Promise<void> {
  switch (event.type) {
    case 'PushDeviceSubscribed': {
      const d = event.data;
      const web = d.address.transport === 'webpush' ? d.address : null;
      const fcm = d.address.transport === 'fcm' ? d.address : null;
      await em.execute(
        `insert into push_devices (device_id, tenant_id, user_id, transport, endpoint, p256dh, auth, fcm_token, label, subscribed_at, subscribed_position) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (device_id) do update set endpoint = excluded.endpoint, p256dh = excluded.p256dh, auth = excluded.auth, fcm_token = excluded.fcm_token, label = excluded.label, subscribed_at = excluded.subscribed_at`,
        [d.deviceId, tenantId, d.userId, d.address.transport, web?.endpoint ?? null, web?.p256dh ?? null, web?.auth ?? null, fcm?.token ?? null, d.label, d.at, position],
      );
      return;
    }
    case 'PushDeviceUnsubscribed':
      await em.execute(`delete from push_devices where device_id = ?`, [event.data.deviceId]);
      return;
    case 'FavouriteRankChanged':
    case 'ReceiptsAnchored':
      return;
    case 'NotificationPreferencesSet': {
      const d = event.data;
      await em.execute(
        `insert into notification_preferences (tenant_id, user_id, muted, follows, updated_at) values (?, ?, ?::text[], ?::uuid[], ?)
         on conflict (tenant_id, user_id) do update set muted = excluded.muted, follows = excluded.follows, updated_at = excluded.updated_at`,
        [tenantId, d.userId, `{${d.muted.join(',')}}`, `{${d.follows.join(',')}}`, d.at],
      );
      // A follow counts for the events after the preferences that began it (kept when the preferences change otherwise).
      await em.execute(`delete from notification_follows where tenant_id = ? and user_id = ? and not (contest_id = any(?::uuid[]))`, [tenantId, d.userId, `{${d.follows.join(',')}}`]);
      for (const contestId of d.follows) {
        await em.execute(`insert into notification_follows (tenant_id, user_id, contest_id, since_position) values (?, ?, ?, ?) on conflict do nothing`, [tenantId, d.userId, contestId, position]);
      }
      return;
    }
    default: {
      const never: never = event;
      throw new Error(`Unexpected push event ${JSON.stringify(never)}`);
    }
  }
}

async function applyContestEvent(em: EntityManager, tenantId: string, event: ContestEvent): Promise<void> {
  switch (event.type) {
    case 'ContestCreated':
      await em.execute(
        `insert into notification_contests (contest_id, tenant_id, name, end_date, status) values (?, ?, ?, ?, 'draft') on conflict (contest_id) do nothing`,
        [event.data.contestId, tenantId, event.data.name, event.data.endDate],
      );
      return;
    case 'ContestEdited':
      await em.execute(`update notification_contests set name = coalesce(?, name), end_date = coalesce(?::timestamptz, end_date) where contest_id = ?`, [
        event.data.name ?? null,
        event.data.endDate ?? null,
        event.data.contestId,
      ]);
      return;
    case 'ContestStatusChanged':
      await em.execute(`update notification_contests set status = ? where contest_id = ?`, [event.data.to, event.data.contestId]);
      return;
    case 'CategoryAdded':
    case 'ContestantAdded':
      return;
    default: {
      const never: never = event;
      throw new Error(`Unexpected contest event ${JSON.stringify(never)}`);
    }
  }
}
