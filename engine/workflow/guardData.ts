import type { RuleData } from '../rules/RuleData.ts';
import { CALENDAR } from '../rules/timeOperators.ts';
import type { TimeFacts } from '../timeline/timeFacts.ts';

/**
 * What a guard reads: the application form, the event's task form data, the application's data so far
 * with its dates and due dates and the applications its form names, and the moment (timeFacts). One function for the machine's guards and
 * for the application view, which asks the same guards which actions can be taken now.
 */
export function guardData(args: {
  readonly submission: unknown;
  readonly data: unknown;
  readonly payload: unknown;
  readonly facts: TimeFacts | undefined;
  /** The applications the form names, as recorded at filing (ApplicationRecord.references). */
  readonly references: unknown;
}): RuleData {
  const { facts } = args;
  return {
    submission: args.submission,
    payload: args.payload ?? {},
    ...(facts ? { time: facts.time, [CALENDAR]: facts[CALENDAR] } : {}),
    application: { ...facts?.application, data: args.data, references: args.references ?? {} },
  };
}
