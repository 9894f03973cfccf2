import { FieldProblem } from './domain-error';
import { PROBLEM_BASE_URI } from './problem-catalog';

/** The body of an application/problem+json response (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(slug: string): string {
  return `${PROBLEM_BASE_URI}${slug}`;
}
