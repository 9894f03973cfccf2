/**
 * How a tenant moderates the contestant names its organizers give (tenant setting
 * `contestantNameModeration`):
 * - `post` (the default): the name is public at once and queued for review; a moderator's rejection
 *   takes it down (the public sees "Contestant <n>", or for a rename the last good name). The
 *   tenant's own staff wrote it, so API clients see what they sent, as paid-voting platforms do.
 * - `pre`: the public sees "Contestant <n>" (or the last approved name) until a moderator approves it.
 * Moderators' and platform admins' own names are approved as submitted in either mode.
 */
export type NameModeration = 'pre' | 'post';
export const NAME_MODERATIONS: readonly NameModeration[] = ['pre', 'post'];
export const DEFAULT_NAME_MODERATION: NameModeration = 'post';

/** The tenant's `contestantNameModeration` setting; anything else (unset) is the default. */
export function nameModerationOf(setting: unknown): NameModeration {
  return NAME_MODERATIONS.find((mode) => mode === setting) ?? DEFAULT_NAME_MODERATION;
}

/** What the public sees of a contestant without a name it may see: its number in the event. */
export function placeholderName(number: number): string {
  return `Contestant ${number}`;
}

/** What a contestant name must pass and how it is reviewed, from the tenant's settings. */
export interface NamePolicy {
  bannedTerms: readonly string[];
  moderation: NameModeration;
}
