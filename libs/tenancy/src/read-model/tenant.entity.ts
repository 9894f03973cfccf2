import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** `tenants` read model (SPEC: tenant_id, name, domain, status, created_at, plan_type) plus the slug. */
@Entity({ tableName: 'tenants' })
export class TenantEntity {
  [OptionalProps]?: 'status' | 'domain';

  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'string', length: 120 })
  name!: string;

  @Property({ type: 'string', length: 40, unique: true })
  slug!: string;

  @Property({ type: 'string', length: 253, nullable: true })
  domain: string | null = null;

  @Property({ type: 'string', length: 20 })
  status: string = 'active';

  @Property({ type: 'string', length: 20, fieldName: 'plan_type' })
  planType!: string;

  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'created_at' })
  createdAt!: Date;
}
