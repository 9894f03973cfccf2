import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Audience } from '../domain/notification';
import type { NotificationKind, PushAddress } from '../domain/push.events';

export interface AudienceDevice {
  deviceId: string;
  userId: string;
  address: PushAddress;
}

interface DeviceRow {
  device_id: string;
  user_id: string;
  transport: string;
  endpoint: string | null;
  p256dh: string | null;
  auth: string | null;
  fcm_token: string | null;
}

/** Reads the `notifications-audience` tables: the devices a notification goes to, and the event's name. */
@Injectable()
export class PushAudienceReader {
  constructor(private readonly orm: MikroORM) {}

  /**
   * Devices of the audience as of the event at `position` (voters who voted and follows and devices
   * that began before it: reacting to it again later reaches the same devices), whose owner has not
   * muted `kind`, without the ones already in the ledger.
   */
  async devices(tenantId: string, audience: Audience, kind: NotificationKind, notificationId: string, position: string): Promise<AudienceDevice[]> {
    const [users, args] =
      'contestId' in audience
        ? [
            `select user_id from notification_participants where contest_id = ?::uuid and tenant_id = ? and first_position < ?::text collate "C"
             union select user_id from notification_follows where contest_id = ?::uuid and tenant_id = ? and since_position < ?::text collate "C"`,
            [audience.contestId, tenantId, position, audience.contestId, tenantId, position],
          ]
        : ['select ?::text as user_id', [audience.userId]];
    const rows = await this.orm.em.getConnection().execute<DeviceRow[]>(
      `select d.device_id, d.user_id, d.transport, d.endpoint, d.p256dh, d.auth, d.fcm_token
         from push_devices d
         join (${users}) audience on audience.user_id = d.user_id
         left join notification_preferences p on p.tenant_id = d.tenant_id and p.user_id = d.user_id
        where d.tenant_id = ? and d.subscribed_position < ?::text collate "C" and not (? = any(coalesce(p.muted, '{}')))
          and not exists (select 1 from push_deliveries x where x.notification_id = ? and x.device_id = d.device_id)
        order by d.device_id`,
      [...args, tenantId, position, kind, notificationId],
    );
    return rows.map((row) => ({ deviceId: row.device_id, userId: row.user_id, address: addressOf(row) }));
  }

  /**
   * Voters of an event before `position` who have a device subscribed before it and have not
   * muted `kind`: the voters an event-wide notice (an anchor of its receipts) can reach, so that
   * nothing is noted for voters nobody can tell.
   */
  async votersWithDevices(tenantId: string, contestId: string, kind: NotificationKind, position: string): Promise<string[]> {
    const rows = await this.orm.em.getConnection().execute<{ user_id: string }[]>(
      `select distinct v.user_id
         from notification_participants v
         join push_devices d on d.tenant_id = v.tenant_id and d.user_id = v.user_id and d.subscribed_position < ?::text collate "C"
         left join notification_preferences p on p.tenant_id = v.tenant_id and p.user_id = v.user_id
        where v.contest_id = ?::uuid and v.tenant_id = ? and v.first_position < ?::text collate "C" and not (? = any(coalesce(p.muted, '{}')))
        order by v.user_id`,
      [position, contestId, tenantId, position, kind],
    );
    return rows.map((row) => row.user_id);
  }

  /** The event's name (the id when the projection has not seen the event's creation, which it always has by then). */
  async contestName(contestId: string): Promise<string> {
    const rows = await this.orm.em.getConnection().execute<{ name: string }[]>('select name from notification_contests where contest_id = ?', [contestId]);
    return rows[0]?.name ?? 'The event';
  }
}

function addressOf(row: DeviceRow): PushAddress {
  if (row.transport === 'fcm') return { transport: 'fcm', token: row.fcm_token ?? '' };
  return { transport: 'webpush', endpoint: row.endpoint ?? '', p256dh: row.p256dh ?? '', auth: row.auth ?? '' };
}
