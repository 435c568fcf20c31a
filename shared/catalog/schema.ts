/**
 * The runtime schema of catalog format v1, written with valibot. It is the single source of truth: the
 * parser validates with it, and `catalog.schema.json` is generated from it (see `json-schema.ts`).
 * Messages are plain words because editors and webmasters read them.
 *
 * Rules that span fields or the whole catalog (unique ids, defined taxonomy ids, end after start, time
 * zones, RRULE syntax) live in `rules.ts`, since they cannot be expressed per field.
 */
import * as v from 'valibot';
import { msg } from './message-key.ts';

export const CATALOG_FORMAT = 'kanswijzer-catalog';
export const CATALOG_VERSION = 1;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const LANGUAGE_TAG_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const MONTH_DAY_PATTERN = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Only these link schemes may appear in a catalog; anything else (javascript:, data:, file:) is refused. */
export const ALLOWED_LINK_PROTOCOLS = ['https:', 'http:', 'mailto:'] as const;

export function isAllowedLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(url.protocol);
  } catch {
    return false;
  }
}

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** True for an ISO 8601 date-time with an offset (`Z` or `±hh:mm`) whose date part is a real date. */
export function isDateTimeWithOffset(value: string): boolean {
  if (!DATE_TIME_PATTERN.test(value)) return false;
  const hour = Number(value.slice(11, 13));
  const minute = Number(value.slice(14, 16));
  return isCalendarDate(value.slice(0, 10)) && hour < 24 && minute < 60 && !Number.isNaN(Date.parse(value));
}

/**
 * True for a date-time without an offset (`2024-09-01T10:00:00`): a floating time, only allowed for events
 * whose `timeZone` is "floating" (read in the viewer's zone); see rules.ts.
 */
export function isLocalDateTime(value: string): boolean {
  if (!LOCAL_DATE_TIME_PATTERN.test(value)) return false;
  const hour = Number(value.slice(11, 13));
  const minute = Number(value.slice(14, 16));
  return isCalendarDate(value.slice(0, 10)) && hour < 24 && minute < 60;
}

const nonEmptyText = (what: string) =>
  v.pipe(v.string(msg('isText', what)), v.trim(), v.minLength(1, msg('notEmpty', what)));

export const IdSchema = v.pipe(
  v.string(msg('isText')),
  v.regex(ID_PATTERN, msg('id')),
);

export const LanguageTagSchema = v.pipe(
  v.string(msg('langText')),
  v.regex(LANGUAGE_TAG_PATTERN, msg('lang')),
);

const LOCALIZED_MESSAGE = msg('localized');

export const LocalizedTextSchema = v.union(
  [
    v.pipe(v.string(), v.minLength(1)),
    v.pipe(
      v.record(LanguageTagSchema, v.string(msg('translationText'))),
      v.check((map) => Object.keys(map).length > 0, msg('oneLanguage')),
    ),
  ],
  LOCALIZED_MESSAGE,
);

// The regex steps repeat what the checks say, in a form the generated JSON Schema can carry along.
const LINK_MESSAGE = msg('link');
export const LinkSchema = v.pipe(
  v.string(msg('linkText')),
  v.regex(/^(https?:\/\/|mailto:)/i, LINK_MESSAGE),
  v.check(isAllowedLink, LINK_MESSAGE),
);

const DATE_MESSAGE = msg('date');
export const DateSchema = v.pipe(
  v.string(msg('dateText')),
  v.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, DATE_MESSAGE),
  v.check((s) => isCalendarDate(s) || isDateTimeWithOffset(s), DATE_MESSAGE),
);

/**
 * Event start, end, exdate, rdate: a date for all-day events, else a date-time with offset (or without one
 * for floating times, which rules.ts allows only with `timeZone: "floating"`).
 */
const EVENT_TIME_MESSAGE = msg('eventTime');
export const EventTimeSchema = v.pipe(
  v.string(msg('eventTimeText')),
  v.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/, EVENT_TIME_MESSAGE),
  v.check((s) => isCalendarDate(s) || isDateTimeWithOffset(s) || isLocalDateTime(s), EVENT_TIME_MESSAGE),
);

const TermListsSchema = v.record(
  LanguageTagSchema,
  v.array(v.pipe(v.string(msg('termText')), v.minLength(1, msg('termEmpty'))), msg('termList')),
  msg('termLists'),
);

export const TopicSchema = v.looseObject({
  id: IdSchema,
  label: LocalizedTextSchema,
  description: v.optional(LocalizedTextSchema),
  terms: TermListsSchema,
});

export const AudienceSchema = v.looseObject({
  id: IdSchema,
  label: LocalizedTextSchema,
  terms: v.optional(TermListsSchema),
});

export const SectorSchema = AudienceSchema;

export const PeriodSchema = v.looseObject({
  id: IdSchema,
  label: LocalizedTextSchema,
  ranges: v.pipe(
    v.array(
      v.looseObject({
        from: v.pipe(v.string(msg('monthDayText')), v.regex(MONTH_DAY_PATTERN, msg('monthDay', '08-15'))),
        to: v.pipe(v.string(msg('monthDayText')), v.regex(MONTH_DAY_PATTERN, msg('monthDay', '10-31'))),
      }),
      msg('rangeList'),
    ),
    v.minLength(1, msg('oneRange')),
  ),
});

const PublisherSchema = v.looseObject({ name: nonEmptyText('the name'), url: v.optional(LinkSchema) });

const idList = (what: string) => v.optional(v.array(IdSchema, msg('idList', what)), []);

const MediaSchema = v.looseObject({
  url: LinkSchema,
  type: v.optional(v.string(msg('mediaType'))),
  size: v.optional(v.pipe(v.number(msg('bytes')), v.integer(msg('wholeBytes')), v.minValue(0, msg('notNegative')))),
  captions: v.optional(v.union([v.boolean(), v.array(LanguageTagSchema)], msg('captions'))),
  title: v.optional(LocalizedTextSchema),
});

const LocationSchema = v.looseObject({
  online: v.optional(v.boolean(msg('boolean'))),
  url: v.optional(LinkSchema),
  name: v.optional(v.string(msg('isText'))),
  address: v.optional(v.string(msg('isText'))),
});

/** The fields every item has. */
const itemBaseEntries = {
  id: IdSchema,
  title: LocalizedTextSchema,
  summary: v.optional(LocalizedTextSchema),
  body: v.optional(LocalizedTextSchema),
  url: v.optional(LinkSchema),
  topics: idList('topic'),
  audiences: idList('audience'),
  sectors: idList('sector'),
  periods: idList('period'),
  source: v.optional(v.looseObject({ name: nonEmptyText('the source name'), url: v.optional(LinkSchema) })),
  published: v.optional(DateSchema),
  updated: v.optional(DateSchema),
};

export const PracticeSchema = v.looseObject({
  ...itemBaseEntries,
  type: v.literal('practice'),
  steps: v.optional(v.array(LocalizedTextSchema, msg('steps'))),
  evidence: v.optional(LocalizedTextSchema),
});

export const ResourceSchema = v.looseObject({
  ...itemBaseEntries,
  type: v.literal('resource'),
  format: v.optional(v.string(msg('format'))),
  media: v.optional(v.array(MediaSchema, msg('mediaList'))),
});

export const EVENT_STATUSES = ['scheduled', 'cancelled', 'postponed', 'tentative'] as const;

/** A changed or cancelled single occurrence of a recurring event (RECURRENCE-ID in iCalendar). */
const OccurrenceOverrideSchema = v.looseObject({
  recurrenceId: EventTimeSchema,
  range: v.optional(v.literal('thisAndFuture', msg('thisAndFuture'))),
  start: v.optional(EventTimeSchema),
  end: v.optional(EventTimeSchema),
  status: v.optional(v.picklist(EVENT_STATUSES, msg('oneOf', EVENT_STATUSES.join(', ')))),
  title: v.optional(LocalizedTextSchema),
  summary: v.optional(LocalizedTextSchema),
  location: v.optional(LocationSchema),
});

export const EventSchema = v.looseObject({
  ...itemBaseEntries,
  type: v.literal('event'),
  start: EventTimeSchema,
  end: v.optional(EventTimeSchema),
  timeZone: v.pipe(v.string(msg('timeZoneText')), v.minLength(1, msg('timeZoneText'))),
  rrule: v.optional(v.string(msg('rruleText'))),
  exdate: v.optional(v.array(EventTimeSchema, msg('timeList'))),
  rdate: v.optional(v.array(EventTimeSchema, msg('timeList'))),
  overrides: v.optional(v.array(OccurrenceOverrideSchema, msg('overrides'))),
  location: v.optional(LocationSchema),
  registration: v.optional(LinkSchema),
  recording: v.optional(LinkSchema),
  status: v.optional(v.picklist(EVENT_STATUSES, msg('oneOf', EVENT_STATUSES.join(', ')))),
});

export const ITEM_TYPES = ['practice', 'resource', 'event'] as const;

export const ItemSchema = v.variant('type', [PracticeSchema, ResourceSchema, EventSchema], msg('oneOf', ITEM_TYPES.join(', ')));

/** The catalog without its items: items are checked one by one so one bad item cannot sink the rest. */
export const CatalogHeaderSchema = v.looseObject({
  format: v.literal(CATALOG_FORMAT, msg('mustBe', `"${CATALOG_FORMAT}"`)),
  version: v.literal(CATALOG_VERSION, msg('mustBe', CATALOG_VERSION)),
  id: IdSchema,
  title: LocalizedTextSchema,
  language: LanguageTagSchema,
  updated: v.optional(DateSchema),
  publisher: v.optional(PublisherSchema),
  description: v.optional(LocalizedTextSchema),
  topics: v.optional(v.array(v.unknown(), msg('list', 'topics')), []),
  audiences: v.optional(v.array(v.unknown(), msg('list', 'audiences')), []),
  sectors: v.optional(v.array(v.unknown(), msg('list', 'sectors')), []),
  periods: v.optional(v.array(v.unknown(), msg('list', 'periods')), []),
  items: v.array(v.unknown(), msg('list', 'items')),
});

/** The whole catalog in one schema: used to generate the published JSON Schema. */
export const CatalogSchema = v.looseObject({
  ...CatalogHeaderSchema.entries,
  topics: v.optional(v.array(TopicSchema), []),
  audiences: v.optional(v.array(AudienceSchema), []),
  sectors: v.optional(v.array(SectorSchema), []),
  periods: v.optional(v.array(PeriodSchema), []),
  items: v.array(ItemSchema),
});

/** Field names each kind of object knows; anything else is an unknown (forward-compatible) field. */
export const KNOWN_FIELDS = {
  catalog: Object.keys(CatalogSchema.entries),
  topic: Object.keys(TopicSchema.entries),
  audience: Object.keys(AudienceSchema.entries),
  sector: Object.keys(SectorSchema.entries),
  period: Object.keys(PeriodSchema.entries),
  practice: Object.keys(PracticeSchema.entries),
  resource: Object.keys(ResourceSchema.entries),
  event: Object.keys(EventSchema.entries),
} as const;
