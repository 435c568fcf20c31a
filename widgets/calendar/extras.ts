/**
 * The parts of `<kw-calendar>` most calendars never show, in a lazy chunk: the source filter (two or more
 * sources), "Terugkijken" (past events with a recording; .ics feeds have none) and the notices about
 * attributes it cannot read. The element loads it when one of them is needed, before it shows the calendar.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Catalog } from '../../shared/catalog/types.ts';
import { expandOccurrences } from '../../shared/ical/expand.ts';
import type { Occurrence } from '../../shared/ical/expand.ts';
import type { Messages, UiLang } from '../shared/i18n.ts';
import type { CalendarModel } from './kw-calendar.ts';
import type { CalendarSource } from './sources.ts';
import type { CalendarMessages } from './strings.ts';

const RECORDINGS_YEARS = 10;

const nl = {
  recordingsHeading: 'Terugkijken',
  recordingsIntro: 'Deze activiteiten zijn voorbij. Je kunt ze nog terugkijken.',
  sources: 'Agenda’s',
  sourceHint: 'Kies welke agenda’s je ziet.',
  allSourcesOff: 'Alle agenda’s staan uit. Zet er een aan bij “Agenda’s”.',
  badTimeZone: (value: string, zone: string) => `De tijdzone "${value}" in het time-zone-attribuut bestaat niet. De tijden staan in je eigen tijdzone (${zone}).`,
  badBound: (name: string, value: string) => `"${value}" in het ${name}-attribuut is geen datum. Gebruik de vorm 2026-09-01.`,
};

const en: typeof nl = {
  recordingsHeading: 'Watch again',
  recordingsIntro: 'These events are over. You can still watch them again.',
  sources: 'Calendars',
  sourceHint: 'Choose which calendars you see.',
  allSourcesOff: 'All calendars are switched off. Switch one on under “Calendars”.',
  badTimeZone: (value, zone) => `The time zone "${value}" in the time-zone attribute does not exist. Times are shown in your own time zone (${zone}).`,
  badBound: (name, value) => `"${value}" in the ${name} attribute is not a date. Use the form 2026-09-01.`,
};

const texts: Messages<typeof nl> = { nl, en };

/** What the element lends these parts to render with. */
export interface ExtrasContext {
  lang: UiLang;
  m: CalendarMessages;
  level(offset: number): number;
  sourceLabel(source: CalendarSource): string;
  hiddenSources: Set<string>;
  toggleSource(key: string, on: boolean): void;
  /** One occurrence as a list item. */
  occurrence(occurrence: Occurrence, id: string, scope: string, showStartDay: boolean, part: string): TemplateResult;
  recordingsShown: number;
  showMoreRecordings(): void;
}

/** Past occurrences of the events that have a recording, the latest of each event first. */
export function pastWithRecordings(visible: Catalog, withRecording: Catalog['items'], zone: string, now: number): Occurrence[] {
  const from = new Date(now - RECORDINGS_YEARS * 366 * 86_400_000);
  const { occurrences } = expandOccurrences({ ...visible, items: withRecording }, from, new Date(now), { timeZone: zone, limit: 2000 });
  const latest = new Map<string, Occurrence>();
  for (const occurrence of occurrences) {
    if (occurrence.cancelled || occurrence.endDate.getTime() > now) continue;
    const known = latest.get(occurrence.itemId);
    if (!known || known.startDate < occurrence.startDate) latest.set(occurrence.itemId, occurrence);
  }
  return [...latest.values()].sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
}

/** The source filter, one checkbox per source; with every source off, a notice says how to get one back. */
export function renderSources(context: ExtrasContext, model: CalendarModel): TemplateResult | typeof nothing {
  if (model.sources.length < 2) return nothing;
  const t = texts[context.lang];
  const allOff = model.sources.every((s) => context.hiddenSources.has(s.key));
  return html`<fieldset class="sources" part="sources">
      <legend>${t.sources}</legend>
      <p class="muted hint">${t.sourceHint}</p>
      <div class="source-options">
        ${model.sources.map(
          (source) => html`<label class="option">
            <input type="checkbox" .checked=${!context.hiddenSources.has(source.key)} @change=${(e: Event) => context.toggleSource(source.key, (e.target as HTMLInputElement).checked)} />
            <span class="swatch" data-colour=${source.colour} aria-hidden="true"></span>
            <span dir="auto">${context.sourceLabel(source)}</span>
          </label>`,
        )}
      </div>
    </fieldset>
    ${allOff ? html`<div class="notice" part="notice"><p>${t.allSourcesOff}</p></div>` : nothing}`;
}

/** "Terugkijken": past events that have a recording, a page at a time. */
export function renderRecordings(context: ExtrasContext, model: CalendarModel): TemplateResult | typeof nothing {
  if (model.ranged || model.recordings.length === 0) return nothing;
  const { m } = context;
  const t = texts[context.lang];
  const shown = model.recordings.slice(0, context.recordingsShown);
  return html`<section class="recordings" part="recordings" aria-labelledby="recordings-heading">
    <div role="heading" aria-level=${context.level(1)} id="recordings-heading" class="section-heading">${t.recordingsHeading}</div>
    <p class="muted">${t.recordingsIntro}</p>
    <ul class="occurrences">
      ${shown.map((occurrence, index) => context.occurrence(occurrence, `r${index}`, '.recordings', true, 'recording'))}
    </ul>
    ${model.recordings.length > shown.length
      ? html`<p class="actions">
          <button type="button" part="more-button" @click=${context.showMoreRecordings}>${m.showMore}</button>
          <span class="muted">${m.shownOf(shown.length, model.recordings.length)}</span>
        </p>`
      : nothing}
  </section>`;
}

/** Notices about a `time-zone`, `from` or `to` attribute that cannot be read (the element found them). */
export function renderSettingsNotices(lang: UiLang, problems: { timeZone?: { value: string; zone: string }; bounds: Array<['from' | 'to', string]> }): TemplateResult[] {
  const t = texts[lang];
  const notices = problems.timeZone ? [html`<div class="notice" part="notice"><p>${t.badTimeZone(problems.timeZone.value, problems.timeZone.zone)}</p></div>`] : [];
  for (const [name, value] of problems.bounds) notices.push(html`<div class="notice" part="notice"><p>${t.badBound(name, value)}</p></div>`);
  return notices;
}
