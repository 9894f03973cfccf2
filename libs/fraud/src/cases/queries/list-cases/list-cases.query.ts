import { MikroORM } from '@mikro-orm/postgresql';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { FraudCaseRow, FraudCaseView, fraudCaseView } from '../../read-models/fraud-case.row';
import { caseCursor, parseCaseCursor } from './case-cursor';

export interface CaseFilters {
  eventId?: string;
  status?: string;
  signal?: string;
  /** Held at or after / before (ISO instants). */
  from?: string;
  to?: string;
}

export interface CasePage {
  items: FraudCaseView[];
  nextCursor: string | null;
}

/** The tenant's fraud cases, newest first, filtered. */
export class ListCasesQuery extends Query<CasePage> {
  constructor(
    readonly tenantId: string,
    readonly filters: CaseFilters,
    readonly cursor: string | undefined,
    readonly limit: number,
  ) {
    super();
  }
}

@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery, CasePage> {
  constructor(private readonly orm: MikroORM) {}

  async execute({ tenantId, filters, cursor, limit }: ListCasesQuery): Promise<CasePage> {
    const after = parseCaseCursor(cursor);
    const where = ['tenant_id = ?'];
    const params: unknown[] = [tenantId];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      params.push(value);
    };
    if (filters.eventId) add('event_id = ?', filters.eventId);
    if (filters.status) add('status = ?', filters.status);
    if (filters.signal) add('? = any(signals)', filters.signal);
    if (filters.from) add('held_at >= ?', filters.from);
    if (filters.to) add('held_at < ?', filters.to);
    if (after) {
      where.push('(held_at, flag_id) < (?::timestamptz, ?::uuid)');
      params.push(after.at, after.id);
    }
    const rows = await this.orm.em
      .getConnection('read')
      .execute<FraudCaseRow[]>(`select * from fraud_flags where ${where.join(' and ')} order by held_at desc, flag_id desc limit ?`, [...params, limit + 1]);
    const items = rows.slice(0, limit).map(fraudCaseView);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? caseCursor(last.heldAt, last.caseId) : null };
  }
}
