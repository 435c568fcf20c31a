/**
 * Rules beyond field types: an event's time zone must exist, its end must come after its start, start and
 * end must be of the same kind (dates or date-times), its RRULE must parse, and Markdown bodies may only
 * link to http(s) and mailto.
 */
import { checkRrule } from './rrule.ts';
import { isCalendarDate, isDateTimeWithOffset, isLocalDateTime, isAllowedLink } from './schema.ts';
import { FLOATING_TIME_ZONE, isValidTimeZone } from './time-zone.ts';
import { allTexts } from './localize.ts';
import type { CatalogEvent, CatalogProblem, Item } from './types.ts';
import { msg } from './message-key.ts';

type TimeKind = 'date' | 'zoned' | 'floating';

function timeKind(value: string): TimeKind {
  if (isCalendarDate(value)) return 'date';
  if (isDateTimeWithOffset(value)) return 'zoned';
  return isLocalDateTime(value) ? 'floating' : 'zoned';
}

/** Comparable number for a start or end: dates and floating times compare as wall-clock UTC. */
function instant(value: string): number {
  const kind = timeKind(value);
  if (kind === 'date') return Date.parse(`${value}T00:00:00Z`);
  if (kind === 'floating') return Date.parse(`${value}Z`);
  return Date.parse(value);
}

/** Markdown link targets: [text](target), <target> autolinks and reference definitions. */
const MARKDOWN_LINK = /\]\(\s*<?([^)\s>]+)|<([a-z][a-z0-9+.-]*:[^>\s]+)>|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gim;

export function checkBodyLinks(item: Pick<Item, 'id' | 'body'>, path: string): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const text of allTexts(item.body)) {
    for (const match of text.matchAll(MARKDOWN_LINK)) {
      const target = (match[1] ?? match[2] ?? match[3] ?? '').trim();
      // Relative links and anchors are harmless; only a scheme other than http(s)/mailto is refused.
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !isAllowedLink(target)) {
        problems.push({
          severity: 'error',
          path: `${path}.body`,
          itemId: item.id,
          field: 'body',
          message: msg('bodyLink', target.slice(0, 60)),
        });
      }
    }
  }
  return problems;
}

function checkEvent(event: CatalogEvent, path: string): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const at = (field: string, message: string) =>
    problems.push({ severity: 'error', path: `${path}.${field}`, itemId: event.id, field, message });

  const floating = event.timeZone === FLOATING_TIME_ZONE;
  if (!floating && !isValidTimeZone(event.timeZone)) {
    at('timeZone', msg('timeZone', event.timeZone));
  }
  const startKind = timeKind(event.start);
  if (startKind === 'floating' && !floating) {
    at('start', msg('noOffset', event.start));
  }
  if (startKind === 'zoned' && floating) {
    at('start', msg('floatingOffset'));
  }
  const sameKind = (value: string, field: string) => {
    const kind = timeKind(value);
    if ((kind === 'date') !== (startKind === 'date')) {
      at(field, startKind === 'date' ? msg('dateLikeStart', value) : msg('dateTimeLikeStart', value));
      return false;
    }
    return true;
  };
  if (event.end !== undefined && sameKind(event.end, 'end')) {
    if (instant(event.end) <= instant(event.start)) {
      at('end', msg('endAfterStart', event.end, event.start, startKind === 'date' ? 'all-day' : ''));
    }
  }
  event.exdate?.forEach((value, i) => sameKind(value, `exdate[${i}]`));
  event.rdate?.forEach((value, i) => sameKind(value, `rdate[${i}]`));
  if (event.rrule !== undefined) {
    for (const message of checkRrule(event.rrule)) at('rrule', message);
  }
  return problems;
}

/** The problems of one item that passed its schema; an empty list when it is fine. */
export function checkItemRules(item: Item, path: string): CatalogProblem[] {
  const problems = checkBodyLinks(item, path);
  if (item.type === 'event') problems.push(...checkEvent(item as CatalogEvent, path));
  return problems;
}
