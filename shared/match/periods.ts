/** The catalog's yearly periods (`start-schooljaar`: 15 August to 31 October) and which are current. */
import type { Period } from '../catalog/types.ts';

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

function toNumber(monthDay: string): number | undefined {
  const match = MONTH_DAY.exec(monthDay);
  if (!match) return undefined;
  const month = Number(match[1]);
  const day = Number(match[2]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return month * 100 + day;
}

/**
 * True when `date` (its calendar day in the local time zone) falls in one of the period's ranges. A range whose
 * start comes after its end wraps the year end (`12-01` to `01-31`). Malformed ranges never match.
 */
export function isInPeriod(period: Pick<Period, 'ranges'>, date: Date): boolean {
  if (Number.isNaN(date.getTime()) || !Array.isArray(period.ranges)) return false;
  const today = (date.getMonth() + 1) * 100 + date.getDate();
  return period.ranges.some((range) => {
    const from = toNumber(range?.from);
    const to = toNumber(range?.to);
    if (from === undefined || to === undefined) return false;
    return from <= to ? today >= from && today <= to : today >= from || today <= to;
  });
}

/** The ids of the periods `date` falls in. */
export function activePeriods(periods: readonly Period[], date: Date): Set<string> {
  const active = new Set<string>();
  for (const period of periods) if (isInPeriod(period, date)) active.add(period.id);
  return active;
}
