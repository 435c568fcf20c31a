/**
 * The low-level text rules of RFC 5545 that writers need: TEXT escaping, content-line folding at 75 octets
 * (never inside a UTF-8 character) and the basic date/time value forms.
 */
import type { WallTime } from './time.ts';

// Control characters other than tab may not appear in content lines (RFC 5545 §3.1); CR/LF in a value would
// also let feed text inject properties, so they are removed wherever they are not escaped.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\u007f]/g;

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (§3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n')
    .replace(CONTROL_CHARACTERS, '');
}

/** Removes characters that cannot appear in a non-TEXT value (URI, RRULE, dates). */
export function cleanValue(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(CONTROL_CHARACTERS, '');
}

/** A parameter value, quoted when it holds `:`, `;` or `,` (§3.2); double quotes cannot appear and are dropped. */
export function parameterValue(value: string): string {
  const clean = cleanValue(value).replace(/"/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds one content line so no physical line is longer than 75 octets (UTF-8), continuation lines starting
 * with a space; a multi-byte character is never split. Returns the physical lines joined with CRLF.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const character of line) {
    const size = utf8Length(character.codePointAt(0) ?? 0);
    if (octets + size > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += character;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

/** `YYYYMMDD` (a DATE value). */
export function icsDate(wall: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${pad(wall.year, 4)}${pad(wall.month)}${pad(wall.day)}`;
}

/** `YYYYMMDDTHHMMSS` (a local DATE-TIME value; append `Z` for UTC). */
export function icsDateTime(wall: WallTime): string {
  return `${icsDate(wall)}T${pad(wall.hour)}${pad(wall.minute)}${pad(wall.second)}`;
}

/** `YYYYMMDDTHHMMSSZ` of an instant. */
export function icsUtc(epoch: number): string {
  const date = new Date(epoch);
  return (
    icsDateTime({
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
    }) + 'Z'
  );
}

/** `+0200`, `-0500`, or `+001932` when the offset has seconds (TZOFFSETFROM/TO, §3.3.14). */
export function icsUtcOffset(offsetMs: number): string {
  const totalSeconds = Math.round(offsetMs / 1000);
  const sign = totalSeconds < 0 ? '-' : '+';
  const abs = Math.abs(totalSeconds);
  const hours = Math.floor(abs / 3600);
  const minutes = Math.floor((abs % 3600) / 60);
  const seconds = abs % 60;
  return `${sign}${pad(hours)}${pad(minutes)}${seconds ? pad(seconds) : ''}`;
}
