/**
 * An action plan as files: Markdown to keep, print or paste into a team document, and iCalendar with one
 * all-day event per dated step (written by the core's iCalendar writer, so the plan drops into any agenda).
 */
import { localize } from '../../shared/catalog/localize.ts';
import type { Catalog, CatalogEvent, Practice } from '../../shared/catalog/types.ts';
import { catalogToICalendar } from '../../shared/ical/write.ts';
import type { ActionPlan } from '../../shared/store/index.ts';
import { formatDate } from '../shared/i18n.ts';
import type { PlanMessages } from './strings.ts';

/** Markdown-escapes text typed by a person or read from a feed, so it stays text in the export. */
function escapeMarkdown(value: string): string {
  // Only inline markup matters: every escaped text sits after "- [ ] ", "## " or a label, never at a line start.
  return value.replace(/([\\`*_[\]<>|~])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/** Steps done and chosen, over the whole plan. */
export function planProgress(plan: ActionPlan): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const entry of plan.entries) {
    total += entry.steps.length;
    done += entry.steps.filter((step) => step.done).length;
  }
  return { done, total };
}

/** The plan as a Markdown document. `practiceOf` finds the current practice (or the copy kept in the plan). */
export function planToMarkdown(plan: ActionPlan, practiceOf: (itemKey: string) => Practice | undefined, m: PlanMessages, locale: string, lang: string): string {
  const { done, total } = planProgress(plan);
  const lines = [`# ${escapeMarkdown(plan.title || m.defaultTitle)}`, '', m.madeWith(formatDate(plan.updatedAt, locale)), '', `${m.progressLabel}: ${m.progress(done, total)}`, ''];
  for (const entry of plan.entries) {
    const practice = practiceOf(entry.itemKey);
    lines.push(`## ${escapeMarkdown(localize(practice?.title, lang) || entry.itemKey)}`, '');
    for (const step of [...entry.steps].sort((a, b) => a.index - b.index)) {
      const facts = [step.owner ? `${m.whoLabel}: ${escapeMarkdown(step.owner)}` : '', step.due ? `${m.whenLabel}: ${formatDate(step.due, locale)}` : ''].filter(Boolean);
      lines.push(`- [${step.done ? 'x' : ' '}] ${escapeMarkdown(localize(practice?.steps?.[step.index], lang))}${facts.length ? ` (${facts.join(', ')})` : ''}`);
      if (step.note) lines.push(`  ${m.noteLabel}: ${escapeMarkdown(step.note)}`);
    }
    if (practice?.url && /^https?:\/\//i.test(practice.url)) lines.push('', `${m.source}: <${practice.url}>`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The dated steps as an iCalendar file (all-day events). Empty string when no step has a date. */
export function planToICalendar(plan: ActionPlan, practiceOf: (itemKey: string) => Practice | undefined, m: PlanMessages, lang: string): string {
  const events: CatalogEvent[] = [];
  plan.entries.forEach((entry, entryIndex) => {
    const practice = practiceOf(entry.itemKey);
    const practiceTitle = localize(practice?.title, lang);
    for (const step of entry.steps) {
      if (!step.due) continue;
      const description = [`${m.icsStepPrefix}: ${plan.title || m.defaultTitle}`, practiceTitle, step.owner ? `${m.whoLabel}: ${step.owner}` : '', step.note ? `${m.noteLabel}: ${step.note}` : ''].filter(Boolean).join('\n');
      events.push({
        id: `${plan.id}-${entryIndex}-${step.index}`,
        type: 'event',
        title: localize(practice?.steps?.[step.index], lang) || practiceTitle,
        summary: description,
        start: step.due,
        timeZone: 'floating',
        topics: [],
        audiences: [],
        sectors: [],
        periods: [],
        ...(practice?.url && /^https?:\/\//i.test(practice.url) ? { url: practice.url } : {}),
      });
    }
  });
  if (!events.length) return '';
  const calendar: Catalog = { format: 'kanswijzer-catalog', version: 1, id: `kanswijzer-plan-${plan.id}`, title: plan.title || m.defaultTitle, language: lang, topics: [], audiences: [], sectors: [], periods: [], items: events };
  return catalogToICalendar(calendar, { lang, calendarName: plan.title || m.defaultTitle, prodId: '-//Kanswijzer//Action plan//EN' });
}
