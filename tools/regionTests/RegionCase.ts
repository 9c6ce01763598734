import type { RegionTestsFile } from '../../config/types/generated.ts';

/** One case of tests/*.yaml. */
export type RegionCase = RegionTestsFile['cases'][number];

/** What differed, one sentence each; empty when the case passes. */
export type CaseProblems = string[];

/** `want` against `got` for each expectation given, as "key expected X, got Y". */
export function compare(expect: Readonly<Record<string, unknown>>, got: Readonly<Record<string, unknown>>, keys: readonly string[]): CaseProblems {
  const out: CaseProblems = [];
  for (const key of keys) {
    if (!Object.hasOwn(expect, key)) continue;
    const want = expect[key];
    const have = got[key];
    if (JSON.stringify(want) !== JSON.stringify(have)) out.push(`${key} expected ${JSON.stringify(want)}, got ${have === undefined ? 'none' : JSON.stringify(have)}`);
  }
  return out;
}

/** Expectations that do not belong to the case's kind: a typo in a case must not pass silently. */
export function foreignExpectations(c: RegionCase, allowed: readonly string[]): CaseProblems {
  return Object.keys(c.expect)
    .filter((k) => !allowed.includes(k))
    .map((k) => `expect.${k} does not apply to a ${c.kind ?? 'dueDate'} case (it checks ${allowed.join(', ')})`);
}
