/** Where the API serves tenants' uploaded branding assets (apps/api registers @fastify/static there). */
export const BRANDING_ASSETS_PREFIX = '/assets/branding/';

/** The extensions of the stored formats (the file name ends with one; the content type follows from it). */
export const BRANDING_ASSET_EXTENSIONS = ['png', 'webp', 'svg'] as const;
export type BrandingAssetExtension = (typeof BRANDING_ASSET_EXTENSIONS)[number];

/** `/assets/branding/<tenantId>/<sha256 hex>.<ext>`: content-addressed, so a name never changes meaning (served immutable). */
export function brandingAssetUrl(tenantId: string, sha256: string, extension: BrandingAssetExtension): string {
  return `${BRANDING_ASSETS_PREFIX}${tenantId}/${sha256}.${extension}`;
}

/** True for the path of an asset of this tenant (never another tenant's): a logoUrl may be one instead of an https URL. */
export function isOwnBrandingAsset(url: string, tenantId: string): boolean {
  const prefix = `${BRANDING_ASSETS_PREFIX}${tenantId}/`;
  return url.startsWith(prefix) && new RegExp(`^[0-9a-f]{64}\\.(${BRANDING_ASSET_EXTENSIONS.join('|')})$`).test(url.slice(prefix.length));
}
