import type { IsoDate } from '../api.ts';
import { ReglamentError } from '../errors.ts';

/** The wall-clock date and time of an instant in some timezone. */
export interface LocalTime {
  readonly date: IsoDate;
  /** Minutes since local midnight, 0..1439. */
  readonly minutes: number;
}

// Creating a DateTimeFormat is costly; one per timezone is enough.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        // h23, not hour12: false, which some engines render as "24" at midnight.
        hourCycle: 'h23',
      });
    } catch {
      throw new ReglamentError(`unknown timezone ${JSON.stringify(timeZone)}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The last answer per timezone, by UTC minute: every request of a busy minute asks about the same
 * minute, and formatToParts is the costly part. Every instant of one UTC minute shows the same local
 * minute wherever offsets are whole minutes, which holds for every zone since 1972 (Liberia's
 * -0:44:30 was the last offset with seconds), so only instants from 1973 on are remembered.
 */
const lastMinute = new Map<string, { readonly minute: number; readonly value: LocalTime }>();
const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1973, 0, 1);

/**
 * The date and time an instant shows on a clock in `timeZone` (IANA name, e.g. "Europe/Moscow").
 * Uses Intl with an explicit zone, so the server's own TZ never matters.
 */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new ReglamentError('invalid instant');
  const minute = Math.floor(ms / 60_000);
  const last = lastMinute.get(timeZone);
  if (last !== undefined && last.minute === minute) return last.value;
  const value = formatLocal(instant, timeZone);
  if (ms >= WHOLE_MINUTE_OFFSETS_SINCE) lastMinute.set(timeZone, { minute, value });
  return value;
}

function formatLocal(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const year = parts.year.padStart(4, '0');
  return Object.freeze({
    date: `${year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  });
}
