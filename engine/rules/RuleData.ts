import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';
import { CALENDAR } from './timeOperators.ts';

/**
 * What a rule (rules.yaml, JSON Logic) may read: {"var": "submission.<field path>"},
 * {"var": "payload.<field>"}, {"var": "application.<attribute>"} and, in guards, {"var": "time.today"}
 * (see engine/timeline/timeFacts.ts for every time value a guard reads).
 */
export interface RuleData {
  /** The application form data. */
  readonly submission?: unknown;
  /** The data sent with the current event. */
  readonly payload?: unknown;
  /** The stored application (application.data: data gathered by earlier events; its dates and due dates in guards). */
  readonly application?: unknown;
  /** The moment of the event, in guards: { today: "YYYY-MM-DD" (region time), now: ISO instant }. */
  readonly time?: unknown;
  /** The region's working calendar, for workingDaysBetween; a symbol key, so rules cannot read it. */
  readonly [CALENDAR]?: WorkingCalendar;
}
