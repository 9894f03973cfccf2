import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { ANALYTICS_EXPORT } from './analytics-export.reactor';

/**
 * Rebuild from zero: the export's checkpoint goes back before the first event, so the reactor
 * sends the whole log again (a running worker finds its checkpoint moved at its next batch and
 * reloads it). Its parked events are dropped in the same transaction: the new pass sends them
 * too. The sink sees every event again under the same messageId; JetStream drops those still in
 * its duplicate window, the rest arrive again (a consumer that needs exactly once keeps the ids).
 */
@Injectable()
export class AnalyticsExportReset {
  constructor(private readonly orm: MikroORM) {}

  async reset(): Promise<{ previousPosition: string | null; parkedDropped: number }> {
    return this.orm.em.fork().transactional(async (em) => {
      const [row] = await em.execute<{ position: string | null }[]>('select position from es_checkpoints where consumer = ? for update', [ANALYTICS_EXPORT]);
      await em.execute('update es_checkpoints set position = null, position_time = null, events_processed = 0, updated_at = now() where consumer = ?', [ANALYTICS_EXPORT]);
      const dropped = await em.execute<{ affectedRows: number }>('delete from es_dead_letters where consumer = ? and replayed_at is null', [ANALYTICS_EXPORT], 'run');
      return { previousPosition: row?.position ?? null, parkedDropped: dropped.affectedRows };
    });
  }
}
