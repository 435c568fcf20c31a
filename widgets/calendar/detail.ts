/**
 * The detail view of one occurrence: when (in the calendar's zone, with the event's own zone when it differs),
 * where (an online link or an address), the description (Markdown rendered safely by the shared helper, a
 * chunk of its own), registration for upcoming and the recording for past events, "add to my calendar"
 * (a single-event .ics file and Google and Outlook links) and "save offline". A lazy chunk: the calendar
 * loads it when an event is first opened, so the month itself stays small.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Catalog } from '../../shared/catalog/types.ts';
import type { Occurrence } from '../../shared/ical/expand.ts';
import { eventToICalendar } from '../../shared/ical/write.ts';
import { download, saveButton } from '../shared/item-parts.ts';
import type { KwElement } from '../shared/kw-element.ts';
import { safeUrl } from '../shared/links.ts';
import { googleCalendarUrl, icsFileName, outlookUrl } from './calendar-links.ts';
import type { EventForLinks } from './calendar-links.ts';
import { spanDays } from './dates.ts';
import { dateFormat, dayDate, feedText, formatRange, nextDay, statusWords } from './format.ts';
import type { Messages } from '../shared/i18n.ts';
import { strings } from './strings.ts';

/** The detail view's own texts (the element's strings.ts has those it shares with the list). */
const nl = {
  when: 'Wanneer',
  where: 'Waar',
  online: 'Online',
  joinOnline: 'Online meedoen',
  recurring: 'Deze activiteit komt vaker terug.',
  eventZone: (zone: string) => `Tijdzone van de activiteit: ${zone}`,
  register: 'Aanmelden',
  moreInfo: 'Meer informatie',
  addToCalendar: 'In mijn agenda zetten',
  downloadIcs: 'Download voor je agenda (.ics)',
  google: 'Google Agenda',
  outlookWork: 'Outlook (werk of school)',
  outlookPersonal: 'Outlook.com',
  close: 'Sluiten',
  downloaded: 'Het agendabestand is gedownload.',
};

const en: typeof nl = {
  when: 'When',
  where: 'Where',
  online: 'Online',
  joinOnline: 'Join online',
  recurring: 'This event happens more than once.',
  eventZone: (zone) => `Time zone of the event: ${zone}`,
  register: 'Register',
  moreInfo: 'More information',
  addToCalendar: 'Add to my calendar',
  downloadIcs: 'Download for your calendar (.ics)',
  google: 'Google Calendar',
  outlookWork: 'Outlook (work or school)',
  outlookPersonal: 'Outlook.com',
  close: 'Close',
  downloaded: 'The calendar file has been downloaded.',
};

const texts: Messages<typeof nl> = { nl, en };

/** The full time of an occurrence ("maandag 23 november 2026 10:00–11:30"); all-day dates stay zone-free. */
export function formatWhenFull(occurrence: Occurrence, locale: string, zone: string): string {
  if (occurrence.allDay) {
    const { first, last } = spanDays(occurrence.start, occurrence.end, true);
    const format = dateFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
    return first === last ? format.format(dayDate(first)) : formatRange(format, dayDate(first), dayDate(last));
  }
  const format = dateFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: zone });
  if (occurrence.endDate.getTime() <= occurrence.startDate.getTime()) return format.format(occurrence.startDate);
  return formatRange(format, occurrence.startDate, occurrence.endDate);
}

export interface DetailContext {
  host: KwElement;
  occurrence: Occurrence;
  catalog: Catalog;
  /** The label and colour number of the occurrence's source. */
  source: { label: string; colour: number } | undefined;
  /** The zone the calendar is shown in. */
  zone: string;
  now: number;
  /** Id prefix, unique in the element. */
  id: string;
  /** Heading level for headings in the description. */
  headingLevel: number;
  onClose: () => void;
}

function placeText(ctx: DetailContext): string {
  const location = ctx.occurrence.location;
  if (!location) return '';
  return [location.name, location.address].filter((part): part is string => typeof part === 'string' && part.trim().length > 0).join(', ');
}

function linksEvent(ctx: DetailContext, title: string, details: string): EventForLinks {
  const occurrence = ctx.occurrence;
  const location = placeText(ctx) || safeUrl(occurrence.location?.url) || '';
  if (occurrence.allDay) {
    const { first, last } = spanDays(occurrence.start, occurrence.end, true);
    return { title, details, location, allDay: true, start: first, end: nextDay(last), startDate: occurrence.startDate, endDate: occurrence.endDate };
  }
  return { title, details, location, allDay: false, start: occurrence.start, end: occurrence.end, startDate: occurrence.startDate, endDate: occurrence.endDate };
}

function downloadIcs(ctx: DetailContext, title: string): void {
  const d = texts[ctx.host.uiLang];
  const detail = { item: ctx.occurrence.item, occurrence: ctx.occurrence, method: 'ics' as const };
  if (!ctx.host.emit('kw-add-to-calendar', detail, true)) return;
  const text = eventToICalendar(ctx.occurrence.item, ctx.catalog, { lang: ctx.host.uiLang });
  download(new Blob([text], { type: 'text/calendar;charset=utf-8' }), icsFileName(title, ctx.occurrence.start.slice(0, 10)));
  ctx.host.announce(d.downloaded);
}

/** Tells the host page a calendar link was followed (cancelable, like the download). */
function linkClicked(ctx: DetailContext, method: 'google' | 'outlook' | 'outlook.com', event: Event): void {
  if (!ctx.host.emit('kw-add-to-calendar', { item: ctx.occurrence.item, occurrence: ctx.occurrence, method }, true)) event.preventDefault();
}

/** The detail view; the description is filled in afterwards by `fillDescription`. */
export function renderDetail(ctx: DetailContext): TemplateResult {
  const { host, occurrence, catalog } = ctx;
  const m = strings[host.uiLang];
  const d = texts[host.uiLang];
  const locale = host.intlLocale;
  const item = occurrence.item;
  const title = feedText(host, occurrence.title, catalog);
  const summary = occurrence.summary !== undefined ? feedText(host, occurrence.summary, catalog) : undefined;
  const body = feedText(host, item.body, catalog).text;
  const past = occurrence.endDate.getTime() <= ctx.now && occurrence.startDate.getTime() < ctx.now;
  const status = statusWords(occurrence, locale, ctx.zone, m);
  const register = !past && !occurrence.cancelled ? safeUrl(item.registration) : undefined;
  const recording = safeUrl(item.recording);
  const moreInfo = safeUrl(item.url);
  const onlineUrl = safeUrl(occurrence.location?.url);
  const place = placeText(ctx);
  const online = occurrence.location?.online === true || Boolean(onlineUrl);
  const ownZone = typeof item.timeZone === 'string' && item.timeZone !== 'floating' && item.timeZone !== ctx.zone && !occurrence.allDay ? item.timeZone : undefined;
  const details = [summary?.text ?? '', moreInfo ?? ''].filter(Boolean).join('\n\n');
  const forLinks = linksEvent(ctx, title.text, details);
  const addId = `${ctx.id}-add`;
  return html`<div class="detail" part="detail" id=${ctx.id}>
    <dl class="facts">
      <div>
        <dt>${d.when}</dt>
        <dd>
          <time datetime=${occurrence.start}>${formatWhenFull(occurrence, locale, ctx.zone)}</time>
          ${status.length ? html`<strong class="status">${status.join(' · ')}</strong>` : nothing}
          ${item.rrule || item.rdate?.length ? html`<span class="muted">${d.recurring}</span>` : nothing}
          ${ownZone ? html`<span class="muted">${d.eventZone(ownZone)}</span>` : nothing}
        </dd>
      </div>
      ${online || place
        ? html`<div>
            <dt>${d.where}</dt>
            <dd>
              ${online ? html`<span>${onlineUrl ? html`<a href=${onlineUrl} rel="noopener noreferrer">${d.joinOnline}</a>` : d.online}</span>` : nothing}
              ${place ? html`<span dir="auto">${place}</span>` : nothing}
            </dd>
          </div>`
        : nothing}
      ${ctx.source
        ? html`<div>
            <dt>${m.calendar}</dt>
            <dd><span><span class="swatch" data-colour=${ctx.source.colour} aria-hidden="true"></span>${ctx.source.label}</span></dd>
          </div>`
        : nothing}
    </dl>
    ${summary?.text ? html`<p class="summary" lang=${ifDefined(summary.lang)} dir="auto">${summary.text}</p>` : nothing}
    ${body ? html`<div class="body" dir="auto"></div>` : nothing}
    ${register || recording || moreInfo
      ? html`<p class="links">
          ${register ? html`<a part="register-link" href=${register} rel="noopener noreferrer">${d.register}</a>` : nothing}
          ${recording && past ? html`<a part="recording-link" href=${recording} rel="noopener noreferrer">${m.watchAgain}</a>` : nothing}
          ${moreInfo ? html`<a href=${moreInfo} rel="noopener noreferrer">${d.moreInfo}</a>` : nothing}
        </p>`
      : nothing}
    <div class="add" role="group" aria-labelledby=${addId} part="add-to-calendar">
      <p id=${addId} class="add-label">${d.addToCalendar}</p>
      <div class="actions">
        <button type="button" @click=${() => downloadIcs(ctx, title.text)}>${d.downloadIcs}</button>
        <a href=${googleCalendarUrl(forLinks)} rel="noopener noreferrer" @click=${(e: Event) => linkClicked(ctx, 'google', e)}>${d.google}</a>
        <a href=${outlookUrl(forLinks, true)} rel="noopener noreferrer" @click=${(e: Event) => linkClicked(ctx, 'outlook', e)}>${d.outlookWork}</a>
        <a href=${outlookUrl(forLinks, false)} rel="noopener noreferrer" @click=${(e: Event) => linkClicked(ctx, 'outlook.com', e)}>${d.outlookPersonal}</a>
      </div>
    </div>
    <div class="actions">
      ${saveButton(host, item, catalog)}
      <button type="button" class="close" @click=${ctx.onClose}>${d.close}<span class="visually-hidden">: ${title.text}</span></button>
    </div>
  </div>`;
}

/**
 * Puts the occurrence's description (Markdown) into `target`, sanitised by the shared safe-Markdown chunk;
 * as plain text when HTML cannot be inserted safely here (Trusted Types without the kanswijzer policy).
 */
export async function fillDescription(target: HTMLElement, markdown: string, firstHeading: number): Promise<void> {
  try {
    const { renderMarkdown } = await import('../shared/markdown.ts');
    const rendered = renderMarkdown(markdown, firstHeading);
    if (rendered === undefined) target.textContent = markdown;
    // TrustedHTML from the kanswijzer policy under Trusted Types; sanitised HTML either way.
    else target.innerHTML = rendered as string;
  } catch {
    target.textContent = markdown;
  }
}
