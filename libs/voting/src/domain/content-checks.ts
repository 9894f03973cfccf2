/** The automatic checks of moderated content (names, bios, media URLs), run before anything is queued. */
import { VotingError } from '../voting.errors';

export const MAX_NAME_LENGTH = 200;

/** The tenant's `bannedTerms` setting (a comma-separated list) as the terms it names. */
export function bannedTermsOf(setting: unknown): string[] {
  return typeof setting === 'string' ? setting.split(',').map((term) => term.trim()).filter((term) => term !== '') : [];
}

/** The first banned term `text` contains, matched case-insensitively, or undefined. */
export function bannedTermIn(text: string, bannedTerms: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  return bannedTerms.find((banned) => banned.trim() !== '' && lower.includes(banned.trim().toLowerCase()));
}

/** A refusal by the automatic checks before the queue: 422 naming the field. */
export function refuseContent(field: string, expected: string, extra: Record<string, unknown> = {}): never {
  throw new VotingError('VOTING.CONTENT_REFUSED', `${field} must be ${expected}`, { field, ...extra });
}

/** A contestant name, trimmed: 1–200 characters and free of the tenant's banned terms. */
export function checkedName(name: string, bannedTerms: readonly string[], field = 'name'): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) refuseContent(field, `1 to ${MAX_NAME_LENGTH} characters`);
  const term = bannedTermIn(trimmed, bannedTerms);
  if (term !== undefined) refuseContent(field, 'free of the terms this tenant bans', { term });
  return trimmed;
}
