/**
 * Streams are named `<category>-<tenantId>.<id>` (DESIGN.md). The category is what category
 * filters match, so the category has no '-' and the tenant id no '.'.
 */
export function streamName(category: string, tenantId: string, id: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(category)) throw new Error(`Invalid stream category "${category}"`);
  if (!/^[A-Za-z0-9_-]+$/.test(tenantId)) throw new Error(`Invalid tenant id "${tenantId}"`);
  return `${category}-${tenantId}.${id}`;
}

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}
