const validity = new Map<string, boolean>();

/** True when the runtime knows this IANA time zone (Europe/Amsterdam, UTC, America/New_York, …). */
export function isValidTimeZone(zone: string): boolean {
  let known = validity.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = zone.length > 0 && !/^[+-]?\d/.test(zone);
    } catch {
      known = false;
    }
    validity.set(zone, known);
  }
  return known;
}

/**
 * The special time-zone value for floating times (iCalendar local times without a zone): they are read
 * in the viewer's own zone.
 */
export const FLOATING_TIME_ZONE = 'floating';
