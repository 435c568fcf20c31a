import { describe, expect, it } from 'vitest';
import { formatInstantInZone, isValidTimeZone, offsetAt, parseTime, transitionsBetween, wallTimeAt, wallTimeToEpoch } from './time.ts';

const wall = (text: string) => {
  const [date, time = '00:00:00'] = text.split('T') as [string, string?];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second = 0] = time.split(':').map(Number) as [number, number, number?];
  return { year, month, day, hour, minute, second };
};

const iso = (epoch: number) => new Date(epoch).toISOString();

describe('time-zone arithmetic', () => {
  it('knows real zones and refuses made-up ones', () => {
    expect(isValidTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('gives offsets on both sides of a change', () => {
    expect(offsetAt('Europe/Amsterdam', Date.parse('2024-03-31T00:59:59Z'))).toBe(3_600_000);
    expect(offsetAt('Europe/Amsterdam', Date.parse('2024-03-31T01:00:00Z'))).toBe(7_200_000);
    expect(offsetAt('America/New_York', Date.parse('2024-11-03T05:59:59Z'))).toBe(-4 * 3_600_000);
    expect(offsetAt('America/New_York', Date.parse('2024-11-03T06:00:00Z'))).toBe(-5 * 3_600_000);
  });

  it('lists the changes of a year', () => {
    const changes = transitionsBetween('Europe/Amsterdam', Date.parse('2024-01-01T00:00:00Z'), Date.parse('2025-01-01T00:00:00Z'));
    expect(changes.map((c) => iso(c.at))).toEqual(['2024-03-31T01:00:00.000Z', '2024-10-27T01:00:00.000Z']);
  });

  it('reads a local time in a spring-forward gap with the offset from before the gap (RFC 5545)', () => {
    // Clocks in Amsterdam jump from 02:00 to 03:00 on 31 March 2024: 02:30 does not exist and means 03:30 CEST.
    expect(iso(wallTimeToEpoch('Europe/Amsterdam', wall('2024-03-31T02:30')))).toBe('2024-03-31T01:30:00.000Z');
    expect(iso(wallTimeToEpoch('America/New_York', wall('2024-03-10T02:30')))).toBe('2024-03-10T07:30:00.000Z');
  });

  it('reads a repeated local time as the first of the two', () => {
    // 02:30 happens twice in Amsterdam on 27 October 2024; the first is still summer time (+02:00).
    expect(iso(wallTimeToEpoch('Europe/Amsterdam', wall('2024-10-27T02:30')))).toBe('2024-10-27T00:30:00.000Z');
    expect(iso(wallTimeToEpoch('America/New_York', wall('2024-11-03T01:30')))).toBe('2024-11-03T05:30:00.000Z');
  });

  it('turns instants into wall times and ISO strings with the offset of the zone', () => {
    expect(wallTimeAt('Europe/Amsterdam', Date.parse('2024-03-31T08:00:00Z'))).toEqual(wall('2024-03-31T10:00:00'));
    expect(formatInstantInZone(Date.parse('2024-03-31T08:00:00Z'), 'Europe/Amsterdam')).toBe('2024-03-31T10:00:00+02:00');
    expect(formatInstantInZone(Date.parse('2024-01-31T15:00:00Z'), 'America/New_York')).toBe('2024-01-31T10:00:00-05:00');
    expect(formatInstantInZone(Date.parse('2024-01-31T15:00:00Z'), 'Asia/Kolkata')).toBe('2024-01-31T20:30:00+05:30');
  });

  it('parses the time forms catalogs use and rejects impossible dates', () => {
    expect(parseTime('2024-02-29')).toMatchObject({ kind: 'date' });
    expect(parseTime('2023-02-29')).toBeUndefined();
    expect(parseTime('2024-03-31T10:00:00+02:00')).toMatchObject({ kind: 'instant', epoch: Date.parse('2024-03-31T08:00:00Z') });
    expect(parseTime('2024-03-31T10:00')).toMatchObject({ kind: 'local' });
    expect(parseTime('tomorrow')).toBeUndefined();
    expect(parseTime(42)).toBeUndefined();
  });
});
