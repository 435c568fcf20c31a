/**
 * `kanswijzer build --ics`: external calendars (school agendas served without CORS headers) imported into
 * the published catalog, so widgets can show them without fetching the calendar themselves.
 */
import { allTexts } from '../catalog/localize.ts';
import type { Catalog, CatalogEvent, CatalogProblem, Item } from '../catalog/types.ts';
import { parseICalendar } from './import.ts';

export interface CalendarText {
  /** Where the calendar came from (URL or file path): used in messages, ids and each event's source. */
  source: string;
  text: string;
}

export interface ImportIntoCatalogResult {
  catalog: Catalog;
  problems: CatalogProblem[];
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'agenda'
  );
}

/** A short name for a calendar: its X-WR-CALNAME, else the file name or host of its address. */
function calendarSlug(source: string, name: string | undefined): string {
  if (name) return slug(name);
  const withoutQuery = source.split(/[?#]/)[0] ?? source;
  const file = withoutQuery.split(/[\\/]/).filter(Boolean).pop() ?? '';
  const base = file.replace(/\.(ics|ical)$/i, '');
  if (base && !/^https?:$/i.test(base)) return slug(base);
  try {
    return slug(new URL(source).hostname);
  } catch {
    return 'agenda';
  }
}

/** Topic ids whose id, label or terms equal one of the event's CATEGORIES (case-insensitive). */
function topicsFor(categories: string[], catalog: Catalog): string[] {
  if (categories.length === 0) return [];
  const wanted = new Set(categories.map((c) => c.toLowerCase()));
  const topics: string[] = [];
  for (const topic of catalog.topics ?? []) {
    const names = [topic.id, ...allTexts(topic.label), ...Object.values(topic.terms ?? {}).flat()].map((n) => n.toLowerCase());
    if (names.some((n) => wanted.has(n))) topics.push(topic.id);
  }
  return topics;
}

/**
 * Adds the events of each calendar to a copy of `catalog`. Event ids get the calendar's slug as prefix
 * (`schoolagenda-<uid>`), so several calendars and the catalog's own items cannot collide. Topics stay empty
 * unless an event's CATEGORIES name a topic of the catalog (by id, label or term). Problems name the calendar
 * (`file`) and the line; a calendar that cannot be read at all is reported and skipped.
 */
export function importCalendarsIntoCatalog(catalog: Catalog, icsTexts: CalendarText[]): ImportIntoCatalogResult {
  const problems: CatalogProblem[] = [];
  const items: Item[] = [...catalog.items];
  const taken = new Set(items.map((item) => item.id));
  const usedSlugs = new Set<string>();
  for (const { source, text } of icsTexts) {
    const result = parseICalendar(text, { sourceUrl: source, keepCategories: true });
    problems.push(...result.problems.map((p) => ({ ...p, file: p.file ?? source })));
    if (!result.catalog) {
      problems.push({ severity: 'error', path: '', file: source, message: 'no events were imported from this calendar' });
      continue;
    }
    const name = typeof result.catalog.title === 'string' && result.catalog.title !== source ? result.catalog.title : undefined;
    let prefix = calendarSlug(source, name);
    for (let n = 2; usedSlugs.has(prefix); n++) prefix = `${calendarSlug(source, name)}-${n}`;
    usedSlugs.add(prefix);
    for (const raw of result.catalog.items) {
      const event = { ...(raw as CatalogEvent) };
      const categories = Array.isArray(event.categories) ? (event.categories as string[]) : [];
      delete event.categories;
      event.topics = topicsFor(categories, catalog);
      let id = `${prefix}-${event.id}`.slice(0, 200);
      for (let n = 2; taken.has(id); n++) id = `${prefix}-${event.id}`.slice(0, 190) + `-${n}`;
      taken.add(id);
      event.id = id;
      event.source = { name: name ?? source, ...(/^https?:\/\//i.test(source) ? { url: source } : {}) };
      items.push(event);
    }
  }
  return { catalog: { ...catalog, items }, problems };
}
