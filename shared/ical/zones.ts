/**
 * Which time zone a TZID means. Calendars name zones in several ways: IANA names (`Europe/Amsterdam`),
 * IANA names behind a vendor prefix (`/mozilla.org/20050126_1/Europe/Amsterdam`), Windows names from
 * Exchange and Outlook (`W. Europe Standard Time`, or the display name
 * `(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna`), or a name only the calendar's own
 * VTIMEZONE explains. The answer is an IANA zone wherever one can be found, because recurrence across
 * daylight-saving changes needs the zone's rules, not just one offset.
 *
 * This module reads IANA names, which is all most calendars use; the Windows table and VTIMEZONE reading are
 * in zone-fallbacks.ts, loaded only for calendars that need them.
 */
import { canonicalTimeZone, isValidTimeZone } from './time.ts';

/**
 * The IANA zone a TZID names directly: the name itself, a vendor-prefixed path, or (given `windowsToIana`
 * from zone-fallbacks.ts) a Windows name.
 */
export function ianaFromTzid(tzid: string, windowsToIana?: (name: string) => string | undefined): { zone: string; how: 'iana' | 'windows' } | undefined {
  const name = tzid.trim().replace(/^"|"$/g, '');
  if (!name || name.length > 200) return undefined;
  if (/^[A-Za-z]/.test(name) && isValidTimeZone(name)) {
    const zone = canonicalTimeZone(name);
    if (zone) return { zone, how: 'iana' };
  }
  // "/mozilla.org/20050126_1/Europe/Berlin", "/softwarestudio.org/Olson_20011030_5/America/New_York".
  const segments = name.split('/').filter(Boolean);
  for (let take = Math.min(3, segments.length - 1); take >= 1; take--) {
    const candidate = segments.slice(-take - 1).join('/');
    if (/^[A-Za-z]/.test(candidate) && candidate.includes('/') && isValidTimeZone(candidate)) {
      const zone = canonicalTimeZone(candidate);
      if (zone) return { zone, how: 'iana' };
    }
  }
  const windows = windowsToIana?.(name);
  if (windows && isValidTimeZone(windows)) return { zone: windows, how: 'windows' };
  return undefined;
}
