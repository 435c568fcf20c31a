import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Catalog, Item, Practice } from '../../shared/catalog/types.ts';
import type { ActionPlan, KanswijzerStore, PlanEntry, PlanStep } from '../../shared/store/index.ts';
import { FeedController } from '../shared/feed-controller.ts';
import { formatDate } from '../shared/i18n.ts';
import { download, today } from '../shared/download.ts';
import { inScope, localized, textOf } from '../shared/item-parts.ts';
import { KwElement } from '../shared/kw-element.ts';
import { safeUrl } from '../shared/links.ts';
import { common } from '../shared/strings.ts';
import { getStore, itemKey } from '../shared/store.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import { planStyles } from './kw-action-plan.styles.ts';
import { planProgress, planToICalendar, planToMarkdown } from './plan-export.ts';
import { strings } from './strings.ts';

const SAVE_DELAY_MS = 400;

function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
}

function isPractice(item: Item): item is Practice {
  return item.type === 'practice' && Array.isArray(item.steps) && item.steps.length > 0;
}

/**
 * GelijkgeSTEMd's route from recommendations to a tailored action plan: choose practices from the feed,
 * choose their steps, and make each step concrete with an owner, a date, a note and "done". Progress
 * shows as a bar and in words. The plan is kept in IndexedDB (several plans can be kept), prints cleanly
 * (print styles), and exports as Markdown and as .ics with one calendar entry per dated step.
 *
 * @tagname kw-action-plan
 * @summary Action-plan builder: practices → steps → owner, date, note, done; print and export.
 *
 * @attr src - Feed URLs, space separated. Default: the catalog published next to kanswijzer.js.
 * @attr lang - Language of the interface (`nl` or `en`); default the closest `lang` on the page, else Dutch.
 * @attr topics - Only offer practices on these topic ids.
 * @attr audiences - Only offer practices for these audience ids.
 * @attr sectors - Only offer practices for these sector ids.
 * @attr types - Accepted for symmetry with the other elements; only practices have steps.
 * @attr limit - How many practices the chooser shows at first and per "Show more" (default 10).
 * @attr plan - The id of the plan to open (default: the plan changed most recently).
 * @attr heading-level - Heading level of the three sections (default 2).
 * @attr theme - `light` or `dark` to fix the colour scheme; default follows the reader's setting.
 *
 * @event kw-plan-change - The plan was saved. `detail: { plan }` (an ActionPlan: id, title, entries with steps).
 * @event kw-load - The feeds finished loading. `detail: { state, feeds }`.
 * @event kw-export - A file was exported. `detail: { format }` (`markdown` or `ics`).
 *
 * @csspart base - The wrapper of everything.
 * @csspart progress - The progress bar and its text.
 * @csspart chooser - Step 1: the list of practices.
 * @csspart entry - Step 2: one practice in the plan (a fieldset).
 * @csspart step - One step of a practice.
 * @csspart actions - Step 3: print and export buttons.
 * @csspart status - Loading and "saved" messages.
 * @csspart notice - Feed and storage messages.
 *
 * @cssproperty --kw-font - Font family.
 * @cssproperty --kw-font-size - Base font size.
 * @cssproperty --kw-color-text - Text colour.
 * @cssproperty --kw-color-background - Background colour.
 * @cssproperty --kw-color-surface - Background of notices.
 * @cssproperty --kw-color-accent - Buttons, checkboxes and the progress bar.
 * @cssproperty --kw-color-on-accent - Text on the accent colour.
 * @cssproperty --kw-color-muted - Secondary text and done steps.
 * @cssproperty --kw-color-border - Borders.
 * @cssproperty --kw-color-danger - Error notices and the delete confirmation.
 * @cssproperty --kw-radius - Corner radius.
 * @cssproperty --kw-spacing - Space between blocks.
 * @cssproperty --kw-focus-ring - Focus outline.
 */
export class KwActionPlan extends KwElement {
  static override styles = [themeStyles, planStyles];

  @property() src = '';
  @property() topics = '';
  @property() audiences = '';
  @property() sectors = '';
  @property() types = '';
  @property({ type: Number }) limit = 10;
  @property({ attribute: 'plan' }) planId = '';
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;
  /** A catalog to choose practices from instead of loading `src`. */
  @property({ attribute: false }) catalog: Catalog | undefined;

  @state() private plans: ActionPlan[] | undefined;
  @state() private plan: ActionPlan | undefined;
  @state() private storeError = '';
  @state() private saveStatus: '' | 'saving' | 'saved' | 'failed' = '';
  @state() private filter = '';
  @state() private shownPractices = 0;
  @state() private confirmingDelete = false;

  private readonly feed = new FeedController(this);
  private store: KanswijzerStore | undefined;
  private stopListening: (() => void) | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening?.();
    this.stopListening = undefined;
    // Leaving the page (or the panel) must not lose the last edit.
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      void this.save();
    }
  }

  private get pageSize(): number {
    return Number.isFinite(this.limit) && this.limit > 0 ? Math.floor(this.limit) : 10;
  }

  private newPlan(): ActionPlan {
    return { id: '', title: strings[this.uiLang].defaultTitle, createdAt: '', updatedAt: '', entries: [] };
  }

  private async open(): Promise<void> {
    try {
      this.store = await getStore();
      this.stopListening?.();
      this.stopListening = this.store.onChange((change) => {
        if (change.type === 'plan-saved' || change.type === 'plan-deleted') void this.reload();
      });
      await this.reload();
    } catch (error) {
      this.storeError = (error as { messages?: Record<string, string> })?.messages?.[this.uiLang] ?? '';
      this.plans = [];
      this.plan ??= this.newPlan();
    }
  }

  /** Reads the plans again; the open plan follows changes made elsewhere unless an edit is waiting. */
  private async reload(): Promise<void> {
    if (!this.store) return;
    const plans = await this.store.listPlans();
    this.plans = plans;
    if (this.saveTimer !== undefined || this.saving) return;
    const current = this.plan;
    const wanted = current?.id || this.planId;
    const found = wanted ? plans.find((p) => p.id === wanted) : undefined;
    if (found) this.plan = found;
    // An unsaved, empty plan gives way to a plan made elsewhere ("Add to my action plan" on an item).
    else if (!current || (!current.id && current.entries.length === 0)) this.plan = plans[0] ?? current ?? this.newPlan();
  }

  // ── Editing ───────────────────────────────────────────────────────────────────────────────────────

  private change(update: (plan: ActionPlan) => ActionPlan): void {
    this.plan = update(this.plan ?? this.newPlan());
    this.saveStatus = '';
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
  }

  private async save(): Promise<void> {
    if (this.saving) await this.saving;
    const plan = this.plan;
    if (!plan || !this.store) return;
    this.saveStatus = 'saving';
    const run = async () => {
      try {
        const saved = await this.store!.putPlan({ title: plan.title, entries: plan.entries, ...(plan.id ? { id: plan.id, createdAt: plan.createdAt } : {}) });
        // Edits made while saving stay; only the identity and dates come from the store.
        if (this.plan === plan || this.plan?.id === plan.id) this.plan = { ...this.plan!, id: saved.id, createdAt: saved.createdAt, updatedAt: saved.updatedAt };
        this.saveStatus = 'saved';
        this.emit('kw-plan-change', { plan: saved });
      } catch {
        this.saveStatus = 'failed';
      }
    };
    this.saving = run();
    await this.saving;
    this.saving = undefined;
  }

  private setTitle(event: Event): void {
    const title = (event.target as HTMLInputElement).value;
    this.change((plan) => ({ ...plan, title }));
  }

  private togglePractice(practice: Practice, on: boolean): void {
    const key = itemKey(practice);
    if (!on) {
      this.removeEntry(key);
      return;
    }
    const entry: PlanEntry = { itemKey: key, item: practice, steps: (practice.steps ?? []).map((_, index) => ({ index, done: false })) };
    this.change((plan) => ({ ...plan, entries: [...plan.entries.filter((e) => e.itemKey !== key), entry] }));
  }

  private removeEntry(key: string): void {
    this.change((plan) => ({ ...plan, entries: plan.entries.filter((e) => e.itemKey !== key) }));
  }

  private updateEntry(key: string, update: (entry: PlanEntry) => PlanEntry): void {
    this.change((plan) => ({ ...plan, entries: plan.entries.map((entry) => (entry.itemKey === key ? update(entry) : entry)) }));
  }

  private toggleStep(key: string, index: number, on: boolean): void {
    this.updateEntry(key, (entry) => ({
      ...entry,
      steps: on ? [...entry.steps.filter((s) => s.index !== index), { index, done: false }].sort((a, b) => a.index - b.index) : entry.steps.filter((s) => s.index !== index),
    }));
  }

  private updateStep(key: string, index: number, patch: Partial<PlanStep>): void {
    this.updateEntry(key, (entry) => ({
      ...entry,
      steps: entry.steps.map((step) => {
        if (step.index !== index) return step;
        const next: PlanStep = { ...step, ...patch };
        for (const field of ['owner', 'due', 'note'] as const) if (!next[field]) delete next[field];
        return next;
      }),
    }));
  }

  private async switchPlan(event: Event): Promise<void> {
    const id = (event.target as HTMLSelectElement).value;
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.save();
    }
    this.plan = this.plans?.find((p) => p.id === id) ?? this.plan;
    this.confirmingDelete = false;
  }

  private async startNewPlan(): Promise<void> {
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.save();
    }
    this.plan = this.newPlan();
    this.confirmingDelete = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#title')?.focus();
  }

  /** Deleting asks first; focus goes to "Do not delete", the safe choice, which also reads the question. */
  private async askDelete(): Promise<void> {
    this.confirmingDelete = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.confirm .cancel')?.focus();
  }

  private async cancelDelete(): Promise<void> {
    this.confirmingDelete = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.delete')?.focus();
  }

  private async deletePlan(): Promise<void> {
    const plan = this.plan;
    const m = strings[this.uiLang];
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (plan?.id) await this.store?.deletePlan(plan.id).catch(() => undefined);
    this.confirmingDelete = false;
    this.plan = undefined;
    await this.reload();
    this.plan ??= this.newPlan();
    this.announce(m.deleted(plan?.title || m.defaultTitle));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#title')?.focus();
  }

  private practiceOf = (key: string): Practice | undefined => {
    const current = this.feed.catalog?.items.find((item) => itemKey(item) === key);
    if (current && current.type === 'practice') return current;
    const kept = this.plan?.entries.find((e) => e.itemKey === key)?.item;
    return kept && kept.type === 'practice' ? kept : undefined;
  };

  private exportMarkdown(): void {
    const plan = this.plan;
    if (!plan) return;
    const text = planToMarkdown({ ...plan, updatedAt: plan.updatedAt || new Date().toISOString() }, this.practiceOf, strings[this.uiLang], this.intlLocale, this.uiLang);
    download(new Blob([text], { type: 'text/markdown' }), `actieplan-${today()}.md`);
    this.emit('kw-export', { format: 'markdown' });
  }

  private exportIcs(): void {
    const plan = this.plan;
    if (!plan) return;
    const text = planToICalendar({ ...plan, id: plan.id || 'concept' }, this.practiceOf, strings[this.uiLang], this.uiLang);
    if (!text) return;
    download(new Blob([text], { type: 'text/calendar' }), `actieplan-${today()}.ics`);
    this.emit('kw-export', { format: 'ics' });
  }

  // ── Rendering ─────────────────────────────────────────────────────────────────────────────────────

  private heading(text: string): TemplateResult {
    return html`<div role="heading" aria-level=${Math.min(6, Math.max(1, this.headingLevel))}>${text}</div>`;
  }

  private renderHeader(plan: ActionPlan): TemplateResult {
    const m = strings[this.uiLang];
    const { done, total } = planProgress(plan);
    const others = (this.plans ?? []).filter((p) => p.id);
    return html`<div class="screen">
        <p>${m.intro}</p>
        <div class="row">
          <div class="grow"><label for="title">${m.planName}</label><input id="title" type="text" .value=${plan.title} @input=${this.setTitle} /></div>
          ${others.length > 1 || (others.length === 1 && others[0]!.id !== plan.id)
            ? html`<div class="grow">
                <label for="plans">${m.otherPlan}</label>
                <select id="plans" @change=${this.switchPlan}>
                  ${plan.id ? nothing : html`<option value="" selected>${plan.title || m.defaultTitle}</option>`}
                  ${others.map((p) => html`<option value=${p.id} ?selected=${p.id === plan.id}>${p.title || m.defaultTitle}</option>`)}
                </select>
              </div>`
            : nothing}
        </div>
        <p class="actions">
          <button type="button" @click=${this.startNewPlan}>${m.newPlan}</button>
          ${plan.id ? html`<button type="button" class="delete" @click=${this.askDelete}>${m.deletePlan}</button>` : nothing}
        </p>
        ${this.confirmingDelete
          ? html`<div class="confirm" role="group" aria-labelledby="confirm-text">
              <p id="confirm-text">${m.confirmDelete(plan.title || m.defaultTitle)}</p>
              <p class="actions">
                <button type="button" class="primary" aria-describedby="confirm-text" @click=${this.deletePlan}>${m.yesDelete}</button>
                <button type="button" class="cancel" aria-describedby="confirm-text" @click=${this.cancelDelete}>${m.cancel}</button>
              </p>
            </div>`
          : nothing}
      </div>
      <div part="progress">
        <label for="progress" id="progress-label">${m.progressLabel}</label>
        <progress id="progress" aria-labelledby="progress-label" max=${Math.max(total, 1)} .value=${done} aria-valuetext=${m.progress(done, total)}></progress>
        <p>${m.progress(done, total)}</p>
      </div>`;
  }

  private renderChooser(plan: ActionPlan): TemplateResult {
    const m = strings[this.uiLang];
    const catalog = this.feed.catalog;
    const practices = (catalog?.items ?? []).filter((item): item is Practice => isPractice(item) && inScope(item, this));
    const wanted = fold(this.filter.trim());
    const matching = wanted ? practices.filter((p) => fold(textOf(this, p.title, catalog).text).includes(wanted) || fold(textOf(this, p.summary, catalog).text).includes(wanted)) : practices;
    const shown = matching.slice(0, this.shownPractices || this.pageSize);
    const chosen = new Set(plan.entries.map((e) => e.itemKey));
    return html`<section class="screen" part="chooser" aria-labelledby="s1">
      <div id="s1">${this.heading(m.step1)}</div>
      ${this.feed.state !== 'ready' ? this.feed.renderState() : nothing}
      ${catalog
        ? practices.length
          ? html`<p>${m.step1Hint}</p>
              <div><label for="filter">${m.filter}</label><input id="filter" type="search" autocomplete="off" .value=${this.filter} @input=${(e: Event) => ((this.filter = (e.target as HTMLInputElement).value), (this.shownPractices = 0))} /></div>
              ${matching.length === 0 ? html`<p class="notice" part="notice">${m.noMatch}</p>` : nothing}
              <fieldset>
                <legend>${m.practices}</legend>
                <ul class="choices">
                  ${shown.map((practice, i) => {
                    const key = itemKey(practice);
                    const title = textOf(this, practice.title, catalog);
                    return html`<li class="check">
                      <input id="p${i}" type="checkbox" .checked=${chosen.has(key)} @change=${(e: Event) => this.togglePractice(practice, (e.target as HTMLInputElement).checked)} />
                      <label for="p${i}"><span lang=${ifDefined(title.lang)}>${title.text}</span> <span class="muted">(${m.stepCount(practice.steps?.length ?? 0)})</span></label>
                    </li>`;
                  })}
                </ul>
              </fieldset>
              ${matching.length > shown.length
                ? html`<p><button type="button" @click=${() => (this.shownPractices = shown.length + this.pageSize)}>${m.showMore}</button></p>`
                : nothing}`
          : html`<p class="notice" part="notice">${m.noPractices}</p>`
        : nothing}
    </section>`;
  }

  private renderEntry(entry: PlanEntry, entryIndex: number): TemplateResult {
    const m = strings[this.uiLang];
    const practice = this.practiceOf(entry.itemKey);
    const catalog = this.feed.catalog;
    const inFeed = Boolean(catalog?.items.some((item) => itemKey(item) === entry.itemKey));
    const title = textOf(this, practice?.title, catalog);
    const steps = practice?.steps ?? [];
    const chosen = new Map(entry.steps.map((s) => [s.index, s]));
    return html`<fieldset class="entry" part="entry">
      <legend lang=${ifDefined(title.lang)}>${title.text || entry.itemKey}</legend>
      ${catalog && !inFeed ? html`<p class="muted">${m.notInFeed}</p>` : nothing}
      ${entry.steps.length === 0 ? html`<p class="muted">${m.noStepsChosen}</p>` : nothing}
      <ol class="steps">
        ${steps.map((stepText, index) => {
          const step = chosen.get(index);
          const id = `e${entryIndex}s${index}`;
          return html`<li class="step ${step?.done ? 'done' : ''}" part="step">
            <div class="check">
              <input id="${id}" type="checkbox" .checked=${Boolean(step)} @change=${(e: Event) => this.toggleStep(entry.itemKey, index, (e.target as HTMLInputElement).checked)} />
              <label for="${id}"><span class="visually-hidden">${m.inPlan}: </span><span class="step-text">${localized(this, stepText, catalog)}</span></label>
            </div>
            ${step
              ? html`<div class="step-fields" role="group" aria-labelledby="${id}-label">
                  <span id="${id}-label" class="visually-hidden">${textOf(this, stepText, catalog).text}</span>
                  <div><label for="${id}o">${m.owner}</label><input id="${id}o" type="text" autocomplete="off" .value=${step.owner ?? ''} @input=${(e: Event) => this.updateStep(entry.itemKey, index, { owner: (e.target as HTMLInputElement).value })} /></div>
                  <div><label for="${id}d">${m.due}</label><input id="${id}d" type="date" .value=${step.due ?? ''} @change=${(e: Event) => this.updateStep(entry.itemKey, index, { due: (e.target as HTMLInputElement).value })} /></div>
                  <div class="wide"><label for="${id}n">${m.note}</label><textarea id="${id}n" .value=${step.note ?? ''} @input=${(e: Event) => this.updateStep(entry.itemKey, index, { note: (e.target as HTMLTextAreaElement).value })}></textarea></div>
                  <div class="check"><input id="${id}x" type="checkbox" .checked=${step.done} @change=${(e: Event) => this.updateStep(entry.itemKey, index, { done: (e.target as HTMLInputElement).checked })} /><label for="${id}x">${m.done}</label></div>
                </div>`
              : nothing}
          </li>`;
        })}
      </ol>
      <p><button type="button" @click=${() => this.removeEntry(entry.itemKey)}>${m.removePractice}<span class="visually-hidden">: ${title.text}</span></button></p>
    </fieldset>`;
  }

  /** The plan as plain text for paper: hidden on screen, the only thing printed. */
  private renderPrint(plan: ActionPlan): TemplateResult {
    const m = strings[this.uiLang];
    const catalog = this.feed.catalog;
    const { done, total } = planProgress(plan);
    return html`<div class="print-only" aria-hidden="true">
      <h2>${plan.title || m.defaultTitle}</h2>
      <p>${m.progress(done, total)} · ${m.madeWith(formatDate(plan.updatedAt || new Date(), this.intlLocale))}</p>
      ${plan.entries.map((entry) => {
        const practice = this.practiceOf(entry.itemKey);
        const source = safeUrl(practice?.url);
        return html`<h3>${textOf(this, practice?.title, catalog).text}</h3>
          <ul>
            ${entry.steps.map(
              (step) => html`<li>
                ${step.done ? '☑' : '☐'} ${textOf(this, practice?.steps?.[step.index], catalog).text}
                ${step.owner ? html`<br />${m.whoLabel}: ${step.owner}` : nothing} ${step.due ? html`<br />${m.whenLabel}: ${formatDate(step.due, this.intlLocale)}` : nothing}
                ${step.note ? html`<br />${m.noteLabel}: ${step.note}` : nothing}
              </li>`,
            )}
          </ul>
          ${source ? html`<p>${m.source}: ${source}</p>` : nothing}`;
      })}
    </div>`;
  }

  override render(): TemplateResult {
    const m = strings[this.uiLang];
    const plan = this.plan;
    if (!plan) return html`<div class="base" part="base" lang=${this.uiLang}><p class="loading" part="status" role="status">${common[this.uiLang].loading}</p></div>`;
    const hasDates = plan.entries.some((e) => e.steps.some((s) => s.due));
    const status = { '': '', saving: m.saving, saved: m.saved, failed: m.saveFailed }[this.saveStatus];
    return html`<div class="base" part="base" lang=${this.uiLang}>
      ${this.storeError ? html`<div class="notice error" part="notice" role="alert"><p><strong>${m.storeFailed}</strong></p><p>${this.storeError}</p></div>` : nothing}
      ${this.store?.warning ? html`<div class="notice" part="notice"><p>${this.store.warning.messages[this.uiLang]}</p></div>` : nothing}
      ${this.renderHeader(plan)}
      ${this.renderChooser(plan)}
      <section class="screen" aria-labelledby="s2">
        <div id="s2">${this.heading(m.step2)}</div>
        ${plan.entries.length ? plan.entries.map((entry, i) => this.renderEntry(entry, i)) : html`<p class="muted">${m.step2Empty}</p>`}
      </section>
      <section class="screen" part="actions" aria-labelledby="s3">
        <div id="s3">${this.heading(m.step3)}</div>
        <p>${m.savedHere}</p>
        <p class="actions">
          <button type="button" @click=${() => window.print()}>${m.print}</button>
          <button type="button" ?disabled=${plan.entries.length === 0} @click=${this.exportMarkdown}>${m.exportMarkdown}</button>
          <button type="button" ?disabled=${!hasDates} aria-describedby=${ifDefined(hasDates ? undefined : 'no-dates')} @click=${this.exportIcs}>${m.exportIcs}</button>
        </p>
        ${hasDates ? nothing : html`<p id="no-dates" class="muted">${m.noDates}</p>`}
        <p part="status" role="status">${status}</p>
      </section>
      ${this.renderPrint(plan)}
      ${this.renderAnnouncer()}
    </div>`;
  }
}
