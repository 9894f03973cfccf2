/** A tenant as GET /api/tenants/{tenantId} answers it. */
export interface TenantView {
  tenantId: string;
  name: string;
  slug: string;
  domain: string | null;
  status: string;
  planType: string;
  createdAt: string | null;
  settings: Readonly<Record<string, string | number | boolean>>;
}
