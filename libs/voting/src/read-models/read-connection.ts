import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';

/** Raw SQL on the read side (a replica when DATABASE_REPLICA_URLS is set). */
@Injectable()
export class ReadConnection {
  constructor(private readonly orm: MikroORM) {}

  query<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.orm.em.getConnection('read').execute<Row[]>(sql, params);
  }

  /** For reads that must see what this process just wrote (same primary as the projections). */
  queryPrimary<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.orm.em.getConnection('write').execute<Row[]>(sql, params);
  }
}
