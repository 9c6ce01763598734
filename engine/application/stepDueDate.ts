import type { State } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { DueDate } from '../api.ts';
import { dueDate, type DeadlineAnchors } from '../calendar/dueDate.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';
import { ReglamentError } from '../errors.ts';

/**
 * When the step an application just entered falls due: the state's `deadline` counted from its anchor
 * (registration, the step's start, or a milestone). Null for a final state, a step without a deadline,
 * or one whose milestone has not been reached.
 */
export function stepDueDate(region: RegionConfig, state: State | undefined, anchors: DeadlineAnchors, calendar: WorkingCalendar): DueDate | null {
  if (!state || state.type === 'final' || state.deadline === undefined) return null;
  const deadline = Object.hasOwn(region.deadlines, state.deadline) ? region.deadlines[state.deadline] : undefined;
  if (!deadline) throw new ReglamentError(`step deadline "${state.deadline}" is not in deadlines.yaml of region "${region.id}"`);
  return dueDate(deadline, anchors, calendar);
}
