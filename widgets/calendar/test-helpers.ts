/**
 * Helpers for the calendar's browser tests: fixtures, a fresh state per test, the time zone of the test page
 * (through the calendar's web-test-runner plugin), and reading what the list shows.
 */
import { expect, fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Catalog, CatalogEvent } from '../../shared/catalog/types.ts';
import { deepElements, expectInert, freshState, loaded } from '../test/helpers.ts';
import { forgetCalendarLoads } from './calendar-feed.ts';
import type { KwCalendar } from './kw-calendar.ts';

export const CAL_FIXTURES = '/widgets/calendar/test-fixtures';
export const SCHOOL_ICS = `${CAL_FIXTURES}/school.ics`;
export const HOSTILE_ICS = `${CAL_FIXTURES}/hostile.ics`;
export const EMPTY_ICS = `${CAL_FIXTURES}/empty.ics`;
export const HUB_CATALOG = `${CAL_FIXTURES}/hub/catalog.json`;

/** A fresh database, no remembered feed loads (the widgets' and the calendar's). */
export function freshCalendarState(): void {
  freshState();
  forgetCalendarLoads();
}

/** Renders a calendar and waits until its feeds are loaded. */
export async function calendar(template: TemplateResult): Promise<KwCalendar> {
  const element = await fixture<KwCalendar>(template);
  await loaded(element);
  return element;
}

/** The occurrences of the list, each as `[first <time datetime>, its text]`. */
export function listed(element: KwCalendar, scope = '.list'): Array<[string, string]> {
  return [...element.shadowRoot!.querySelectorAll(`${scope} [part="occurrence"]`)].map((node) => [node.querySelector('time')?.getAttribute('datetime') ?? '', (node.textContent ?? '').replace(/\s+/g, ' ').trim()]);
}

/**
 * Sets the time zone of the test page (Chrome DevTools Protocol, through wtr-timezone-plugin.mjs); `null`
 * returns to the machine's own zone.
 */
export async function emulateTimeZone(timeZone: string | null): Promise<void> {
  try {
    await executeServerCommand('kw-emulate-timezone', { timeZone });
  } catch (error) {
    throw new Error(
      `Time-zone emulation is not available: add calendarTestPlugin() from widgets/calendar/wtr-timezone-plugin.mjs to the plugins of web-test-runner.config.mjs, or run with --config widgets/calendar/web-test-runner.config.mjs. (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** A catalog of events, for tests that need events relative to now. */
export function catalogOf(events: Array<Partial<CatalogEvent> & { id: string; start: string }>): Catalog {
  return {
    format: 'kanswijzer-catalog',
    version: 1,
    id: 'testcatalogus',
    title: 'Testcatalogus',
    language: 'nl',
    topics: [],
    audiences: [],
    sectors: [],
    periods: [],
    items: events.map((event) => ({ type: 'event', title: event.id, topics: [], audiences: [], sectors: [], periods: [], timeZone: 'Europe/Amsterdam', ...event }) as CatalogEvent),
  };
}

/** `YYYY-MM-DD` of a Date in a zone. */
export function dayIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/**
 * The widgets' inertness check (no script ran, nothing injected, only http(s) and mailto links), except for
 * the calendar's own subscribe links: `webcal:` addresses made from the webmaster's `src`, not from feed text.
 */
export function expectInertCalendar(element: KwCalendar): void {
  const subscribe = element.shadowRoot!.querySelector('[part=subscribe]');
  const links = [...(subscribe?.querySelectorAll<HTMLAnchorElement>('a[href^="webcal:"]') ?? [])];
  const src = new Set(element.src.split(/\s+/).filter(Boolean).map((value) => new URL(value, location.href)));
  for (const link of links) {
    const target = new URL(link.href.replace(/^webcal:/, location.protocol));
    expect([...src].some((url) => url.host === target.host && url.pathname.replace(/[^/]*$/, '') === target.pathname.replace(/[^/]*$/, '')), `webcal link ${link.href} not from src`).to.equal(true);
  }
  const held = links.map((link) => [link, link.getAttribute('href')!] as const);
  for (const [link] of held) link.removeAttribute('href');
  try {
    expectInert(element);
  } finally {
    for (const [link, href] of held) link.setAttribute('href', href);
  }
  expect(deepElements(element).length).to.be.greaterThan(1);
}

/** Forced colours (Windows high contrast) on or off for the test page, through the calendar's wtr plugin. */
export async function emulateForcedColors(active: boolean): Promise<void> {
  try {
    await executeServerCommand('kw-emulate-forced-colors', { active });
  } catch (error) {
    throw new Error(`Forced-colours emulation is not available: add calendarTestPlugin() from widgets/calendar/wtr-timezone-plugin.mjs to web-test-runner.config.mjs. (${error instanceof Error ? error.message : String(error)})`);
  }
}
