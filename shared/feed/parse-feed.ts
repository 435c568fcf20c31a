/**
 * One feed's text → a catalog, whether it is a JSON catalog or an iCalendar file. The content type decides
 * where it is clear; otherwise the text itself is looked at, because many servers send calendars as
 * `text/plain` or `application/octet-stream`.
 */
import type { Catalog, CatalogProblem } from '../catalog/types.ts';

// The two parsers load only when a feed of their kind arrives: a page showing a JSON catalog never
// downloads the iCalendar code (ical.js is the largest part of the core), and a calendar-only page never
// downloads the catalog schema.
const loadCatalogParser = () => import('../catalog/parse-core.ts');
// The iCalendar reader without ical.js and the Windows zone table, which it loads only for calendars that need them.
const loadICalendarParser = () => import('../ical/import-core.ts');

export type FeedKind = 'catalog' | 'icalendar' | 'html' | 'unknown';

export interface ParsedFeed {
  kind: FeedKind;
  catalog: Catalog | undefined;
  problems: CatalogProblem[];
}

export interface ParseFeedOptions {
  /** The Content-Type the server sent, if any. */
  contentType?: string;
  /** Where the feed came from (used for messages, the extension, and as the calendar's id). */
  url?: string;
}

/** Which kind of feed a text is, from its content type, its address and its first characters. */
export function detectFeedKind(text: string, options: ParseFeedOptions = {}): FeedKind {
  const type = (options.contentType ?? '').toLowerCase().split(';')[0]!.trim();
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 512);
  if (type === 'text/calendar' || type === 'application/ics' || type === 'text/x-vcalendar') return /BEGIN:VCALENDAR/i.test(text.slice(0, 4096)) || !head.startsWith('{') ? 'icalendar' : 'catalog';
  if (type === 'application/json' || type.endsWith('+json')) return head.startsWith('{') || head.startsWith('[') ? 'catalog' : /^</.test(head) ? 'html' : 'catalog';
  if (/^BEGIN:VCALENDAR/i.test(head)) return 'icalendar';
  if (head.startsWith('{') || head.startsWith('[')) return 'catalog';
  if (/^<(!doctype|html|head|body|\?xml)/i.test(head) || type === 'text/html') return 'html';
  if (/BEGIN:VCALENDAR/i.test(text.slice(0, 65_536))) return 'icalendar';
  const path = (options.url ?? '').split(/[?#]/)[0]!.toLowerCase();
  if (path.endsWith('.ics') || path.endsWith('.ical') || path.endsWith('.ifb')) return 'icalendar';
  if (path.endsWith('.json')) return 'catalog';
  return 'unknown';
}

/** Problem texts arrive as keys (see catalog/message-key.ts); their sentences load only when there are problems. */
async function sentences(problems: CatalogProblem[]): Promise<CatalogProblem[]> {
  if (problems.length === 0) return problems;
  const { expandProblems } = await import('../catalog/messages.ts');
  return expandProblems(problems);
}

function slugFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const name = url.split(/[?#]/)[0]!.split('/').filter(Boolean).pop() ?? '';
  return name.replace(/\.(ics|ical)$/i, '') || undefined;
}

/**
 * Reads a feed's text as a catalog (lenient: valid items are kept, problems returned beside them). Never
 * rejects.
 */
export async function parseFeed(text: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const where = options.url ? { file: options.url } : {};
  try {
    const kind = detectFeedKind(text, options);
    if (kind === 'icalendar') {
      const calendarId = slugFromUrl(options.url);
      const { parseICalendarAsync } = await loadICalendarParser();
      const result = await parseICalendarAsync(text, { ...(options.url ? { sourceUrl: options.url } : {}), ...(calendarId ? { calendarId } : {}) });
      return { kind, catalog: result.catalog, problems: await sentences(result.problems) };
    }
    if (kind === 'catalog') {
      const { parseCatalog } = await loadCatalogParser();
      let result = parseCatalog(text, { mode: 'lenient' });
      if (!result.catalog && result.problems[0]?.message.includes('\u0001invalidJson\u0002')) {
        // Broken JSON: load the locator so the message can say where.
        const { findJsonSyntaxError } = await import('../catalog/json-syntax.ts');
        result = parseCatalog(text, { mode: 'lenient', locateSyntaxError: findJsonSyntaxError });
      }
      return { kind, catalog: result.catalog, problems: (await sentences(result.problems)).map((p) => ({ ...where, ...p })) };
    }
    if (kind === 'html') {
      return { kind, catalog: undefined, problems: [{ severity: 'error', path: '', message: 'this is a web page (HTML), not a catalog or calendar; the link may point to an error or login page', ...where }] };
    }
    return { kind, catalog: undefined, problems: [{ severity: 'error', path: '', message: 'this is neither a Kanswijzer catalog (JSON) nor an iCalendar file (.ics)', ...where }] };
  } catch (error) {
    return { kind: 'unknown', catalog: undefined, problems: [{ severity: 'error', path: '', message: `the feed could not be read (${error instanceof Error ? error.message : String(error)})`, ...where }] };
  }
}
