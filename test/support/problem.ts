/**
 * Reads an answer that must be a problem (RFC 9457) of the given status, for tests that check
 * which fields it names.
 */
import { expect } from 'vitest';

export interface ProblemBody {
  readonly status: number;
  readonly detail?: string;
  readonly errors?: { readonly field: string; readonly message: string }[];
}

export async function expectProblem(res: Response, status: number): Promise<ProblemBody> {
  // A refused 40,000-position polygon echoes nothing, but a wrong answer might: keep the message short.
  expect(res.status, (await res.clone().text()).slice(0, 500)).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as ProblemBody;
}
