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
  branding: { logoUrl: string | null; primaryColor: string | null; secondaryColor: string | null } | null;
}
