/** How a domain error code becomes an RFC 9457 problem. */
export interface ProblemDefinition {
  status: number;
  /** The last segment of the stable type URI: https://tally.dev/problems/<slug>. */
  slug: string;
  title: string;
}

export const PROBLEM_BASE_URI = 'https://tally.dev/problems/';

/**
 * Every context registers the map of its error codes once, at module load, next to its
 * errors file. The global exception filter looks codes up here, so a code with no entry is
 * a programming error and surfaces as a 500 in tests.
 */
export class ProblemCatalog {
  private static readonly definitions = new Map<string, ProblemDefinition>();

  static register<Code extends string>(definitions: Record<Code, ProblemDefinition>): void {
    for (const [code, definition] of Object.entries<ProblemDefinition>(definitions)) {
      ProblemCatalog.definitions.set(code, definition);
    }
  }

  static lookup(code: string): ProblemDefinition | undefined {
    return ProblemCatalog.definitions.get(code);
  }
}
