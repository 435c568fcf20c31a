/**
 * The rarely needed ways to read a TZID (zones.ts reads IANA names): Windows zone names through CLDR's table,
 * and zones only the calendar's own VTIMEZONE describes, read through ical.js and matched to the IANA zone
 * with the same rules where there is one. The importer loads this module, and ical.js, only for a calendar
 * that has such a TZID, so pages showing ordinary calendars do not download the table.
 */
import type { Clock } from './event-time.ts';
import type { Ical } from './ical-loader.ts';
import type { RawComponent } from './content-lines.ts';
import { offsetAt, sampleOffset, utcFromWall, type WallTime } from './time.ts';
import { WINDOWS_ZONES } from './windows-zones.ts';

let windowsIndex: Map<string, string> | undefined;

function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The part of a display name after the offset: "(UTC+01:00) Amsterdam, Berlin" → "amsterdam, berlin". */
function displayCities(name: string): string | undefined {
  const match = /^\((?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?\)\s*(.+)$/i.exec(name.trim());
  return match ? normaliseName(match[1]!) : undefined;
}

function windowsLookup(): Map<string, string> {
  if (!windowsIndex) {
    windowsIndex = new Map();
    for (const [windowsName, displayName, defaultZone] of WINDOWS_ZONES) {
      windowsIndex.set(normaliseName(windowsName), defaultZone);
      const cities = displayCities(displayName);
      if (cities) windowsIndex.set(`display:${cities}`, defaultZone);
    }
  }
  return windowsIndex;
}

/** The IANA zone of a Windows zone name or display name, per CLDR's default (territory 001) mapping. */
export function windowsToIana(name: string): string | undefined {
  const index = windowsLookup();
  const direct = index.get(normaliseName(name));
  if (direct) return direct;
  const cities = displayCities(name);
  return cities ? index.get(`display:${cities}`) : undefined;
}

/** Every IANA zone the runtime knows (used to recognise a VTIMEZONE that has a non-IANA name). */
function supportedZones(): string[] {
  try {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

function propertyLine(name: string, params: Record<string, string>, value: string): string {
  let line = name;
  for (const [key, paramValue] of Object.entries(params)) {
    const clean = paramValue.replace(/["\r\n]/g, '');
    line += `;${key}=${/[:;,]/.test(clean) ? `"${clean}"` : clean}`;
  }
  return `${line}:${value.replace(/[\r\n]/g, '')}`;
}

const ALLOWED_OBSERVANCE_FREQ = /^(YEARLY|MONTHLY)$/;

/**
 * A clock driven by a calendar's own VTIMEZONE (through ical.js), for TZIDs no IANA name explains. Observances
 * with rules that could make expansion slow (anything more frequent than monthly) are dropped.
 */
export function clockFromVtimezone(component: RawComponent, ICAL: Ical): Clock | undefined {
  try {
    const tzid = component.properties.find((p) => p.name === 'TZID')?.value.trim();
    if (!tzid) return undefined;
    const lines = ['BEGIN:VCALENDAR', 'BEGIN:VTIMEZONE', propertyLine('TZID', {}, tzid)];
    let observances = 0;
    for (const observance of component.components) {
      if (observance.name !== 'STANDARD' && observance.name !== 'DAYLIGHT') continue;
      const rrule = observance.properties.find((p) => p.name === 'RRULE');
      const freq = rrule ? /FREQ=([A-Z]+)/i.exec(rrule.value)?.[1]?.toUpperCase() : undefined;
      if (rrule && (!freq || !ALLOWED_OBSERVANCE_FREQ.test(freq))) continue;
      if (++observances > 200) break;
      lines.push(`BEGIN:${observance.name}`);
      let rdates = 0;
      for (const property of observance.properties) {
        if (property.name === 'RDATE' && ++rdates > 400) continue;
        lines.push(propertyLine(property.name, property.params, property.value));
      }
      lines.push(`END:${observance.name}`);
    }
    if (observances === 0) return undefined;
    lines.push('END:VTIMEZONE', 'END:VCALENDAR');
    const calendar = new ICAL.Component(ICAL.parse(lines.join('\r\n')));
    const vtimezone = calendar.getFirstSubcomponent('vtimezone');
    if (!vtimezone) return undefined;
    const zone = new ICAL.Timezone({ component: vtimezone, tzid });
    const toEpoch = (wall: WallTime) => {
      const time = new ICAL.Time({ year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute, second: wall.second, isDate: false }, zone);
      return time.toUnixTime() * 1000;
    };
    const wallAt = (epoch: number): WallTime => {
      const local = ICAL.Time.fromJSDate(new Date(Math.floor(epoch / 1000) * 1000), true).convertToZone(zone);
      return { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second };
    };
    // Check once that the zone answers; ical.js throws on observances it cannot read.
    toEpoch({ year: 2020, month: 1, day: 1, hour: 12, minute: 0, second: 0 });
    return {
      name: tzid,
      offsetAt: (epoch) => utcFromWall(wallAt(epoch)) - Math.floor(epoch / 1000) * 1000,
      toEpoch,
      wallAt,
    };
  } catch {
    return undefined;
  }
}

/**
 * An IANA zone whose offsets agree with `clock` every week of `year` (so it has the same daylight-saving
 * dates), preferring zones whose city the TZID names, then Windows' default zones. Undefined when none does.
 */
export function matchIanaZone(clock: Clock, year: number, hint: string): string | undefined {
  const start = utcFromWall({ year, month: 1, day: 1, hour: 12, minute: 0, second: 0 });
  const samples: number[] = [];
  for (let week = 0; week < 53; week++) samples.push(start + week * 7 * 86_400_000);
  const expected = samples.map((epoch) => clock.offsetAt(epoch));
  const quick = [0, 13, 26, 39];
  const lowerHint = hint.toLowerCase();
  const defaults = new Set(WINDOWS_ZONES.map(([, , zone]) => zone));
  const ranked = supportedZones()
    .filter((zone) => !zone.startsWith('Etc/'))
    .map((zone) => {
      const city = (zone.split('/').pop() ?? '').replace(/_/g, ' ').toLowerCase();
      const rank = city && lowerHint.includes(city) ? 0 : defaults.has(zone) ? 1 : 2;
      return { zone, rank };
    })
    .sort((a, b) => a.rank - b.rank);
  for (const { zone } of ranked) {
    if (!quick.every((i) => sampleOffset(zone, samples[i]!) === expected[i])) continue;
    if (samples.every((epoch, i) => offsetAt(zone, epoch) === expected[i])) return zone;
  }
  return undefined;
}
