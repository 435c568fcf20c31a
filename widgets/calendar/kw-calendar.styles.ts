import { css } from 'lit';

/**
 * The calendar's own look, on top of the shared theme. Source colours are custom properties so a page can
 * match its own calendars; colour is never the only sign (each event also names its calendar).
 */
export const calendarStyles = css`
  :host {
    container-type: inline-size;
    --_src-1: var(--kw-calendar-source-1, #0b5cad);
    --_src-2: var(--kw-calendar-source-2, #1a7f37);
    --_src-3: var(--kw-calendar-source-3, #8250df);
    --_src-4: var(--kw-calendar-source-4, #b34700);
    --_src-5: var(--kw-calendar-source-5, #0a7284);
    --_src-6: var(--kw-calendar-source-6, #a3336b);
    --_src: var(--_border);
    --_cell: var(--kw-calendar-cell-height, 6.5em);
  }
  [data-colour='1'] {
    --_src: var(--_src-1);
  }
  [data-colour='2'] {
    --_src: var(--_src-2);
  }
  [data-colour='3'] {
    --_src: var(--_src-3);
  }
  [data-colour='4'] {
    --_src: var(--_src-4);
  }
  [data-colour='5'] {
    --_src: var(--_src-5);
  }
  [data-colour='6'] {
    --_src: var(--_src-6);
  }
  .base {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .base > * {
    min-inline-size: 0;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }
  .nav,
  .views {
    display: flex;
    gap: 0.35em;
  }
  .period {
    flex: 1 1 12em;
    margin: 0;
    font-size: 1.3em;
    font-weight: 700;
  }
  /* Month and day names are lower case in Dutch; only the start of a heading gets a capital. */
  .period::first-letter,
  .day-heading::first-letter,
  .grid th::first-letter {
    text-transform: uppercase;
  }
  .zone-note,
  .narrow-note {
    margin: 0;
    font-size: 0.9em;
  }
  .sources {
    margin: 0;
  }
  .sources .hint {
    margin: 0 0 0.25em;
    font-size: 0.9em;
  }
  .source-options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1.25em;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.4em;
    min-block-size: 2.75rem;
  }
  .swatch {
    display: inline-block;
    inline-size: 0.8em;
    block-size: 0.8em;
    border-radius: 2px;
    background: var(--_src);
    flex: none;
    margin-inline-end: 0.4em;
    vertical-align: baseline;
  }

  /* Month grid */
  .grid {
    inline-size: 100%;
    table-layout: fixed;
    border-collapse: collapse;
  }
  .grid th {
    font-weight: 600;
    font-size: 0.85em;
    color: var(--_muted);
    padding: 0.25em;
    text-align: start;
  }
  .grid td {
    vertical-align: top;
    block-size: var(--_cell);
    border: 1px solid var(--_border);
    padding: 0.2em 0.25em;
    cursor: pointer;
    overflow: hidden;
  }
  .grid td.outside {
    background: var(--_surface);
    color: var(--_muted);
  }
  .grid td:focus-visible {
    outline: var(--_focus);
    outline-offset: -3px;
  }
  .grid td[aria-selected='true'] {
    box-shadow: inset 0 0 0 2px var(--_accent);
  }
  .num {
    display: inline-grid;
    place-items: center;
    min-inline-size: 1.8em;
    block-size: 1.8em;
    border-radius: 999px;
    font-weight: 600;
  }
  td.today .num {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .chips {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 2px;
  }
  .chip {
    font-size: 0.8em;
    line-height: 1.35;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    border-inline-start: 4px solid var(--_src);
    padding-inline-start: 0.3em;
    background: var(--_surface);
    border-radius: 2px;
  }
  .chip.cancelled .chip-title {
    text-decoration: line-through;
  }
  .chip-time {
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
  }
  .more {
    display: block;
    font-size: 0.8em;
    color: var(--_muted);
    padding-inline-start: 0.3em;
  }
  @container (max-width: 44em) {
    .chip-time {
      display: none;
    }
  }

  /* Day panel, lists and sections */
  .day-panel,
  .recordings,
  .subscribe {
    border-block-start: 1px solid var(--_border);
    padding-block-start: calc(var(--_space) * 0.75);
  }
  .day-heading,
  .section-heading {
    font-weight: 700;
    margin: 0 0 0.35em;
  }
  .days {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .occurrences {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5em;
  }
  .occurrence {
    border-inline-start: 4px solid var(--_src);
    padding: 0.35em 0 0.35em 0.75em;
    padding-inline: 0.75em 0;
    break-inside: avoid;
  }
  .occurrence .when {
    margin: 0;
    font-size: 0.9em;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .what {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 0.75em;
  }
  .occurrence .title {
    all: unset;
    cursor: pointer;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    font: inherit;
    font-weight: 600;
    min-block-size: 1.5em;
  }
  .occurrence .title:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .occurrence .title .swatch {
    display: none;
  }
  .occurrence.cancelled .title > span:last-child {
    text-decoration: line-through;
  }
  .status {
    color: var(--_danger);
    font-size: 0.9em;
  }
  .occurrence:not(.cancelled) .status {
    color: var(--_text);
  }
  .occurrence.cancelled .status {
    color: var(--_danger);
  }
  .source-label,
  .past-mark {
    font-size: 0.85em;
  }
  .recording {
    font-weight: 600;
  }
  .earlier > summary {
    cursor: pointer;
    padding-block: 0.6em;
    color: var(--_muted);
  }
  .subscribe ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }

  /* Detail view */
  .detail {
    margin-block: 0.5em;
    padding: 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .facts {
    margin: 0 0 0.5em;
    display: grid;
    gap: 0.35em;
  }
  .facts > div {
    display: grid;
    grid-template-columns: minmax(5em, max-content) 1fr;
    gap: 0.75em;
  }
  .facts dt {
    font-weight: 600;
  }
  .facts dd {
    margin: 0;
    display: flex;
    flex-direction: column;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1.25em;
  }
  .add {
    margin-block: 0.5em;
  }
  .add-label {
    font-weight: 600;
    margin: 0 0 0.25em;
  }
  .add .actions a {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
  }
  .body {
    margin-block: 0.5em;
  }
  .body img {
    max-inline-size: 100%;
    block-size: auto;
  }
  @container (max-width: 30em) {
    .facts > div {
      grid-template-columns: 1fr;
      gap: 0;
    }
  }

  @media (forced-colors: active) {
    .swatch {
      forced-color-adjust: none;
      border: 1px solid CanvasText;
    }
    .grid td,
    .chip,
    .occurrence,
    .detail {
      border-color: CanvasText;
    }
    .grid td[aria-selected='true'] {
      outline: 2px solid Highlight;
      outline-offset: -2px;
      box-shadow: none;
    }
    td.today .num {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
    .grid td:focus-visible {
      outline: 3px solid Highlight;
    }
    .occurrence .title {
      color: LinkText;
    }
  }

  @media print {
    .toolbar .nav,
    .toolbar .views,
    .sources,
    .day-panel,
    .subscribe,
    .narrow-note,
    .add,
    .earlier {
      display: none !important;
    }
    .occurrence .title {
      display: inline !important;
      color: #000;
      text-decoration: none;
    }
    .grid td {
      block-size: auto;
      border-color: #000;
    }
    .chip {
      white-space: normal;
      background: none;
    }
    .occurrence,
    .list-day {
      break-inside: avoid;
    }
  }
`;
