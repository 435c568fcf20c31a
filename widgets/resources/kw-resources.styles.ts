import { css } from 'lit';

export const resourcesStyles = css`
  .base {
    display: grid;
    gap: var(--_space);
  }
  .search label {
    display: block;
    font-weight: 600;
  }
  .search .hint {
    margin: 0 0 0.25em;
    font-size: 0.9em;
  }
  .filters {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0 0.75em;
  }
  .filters > summary {
    cursor: pointer;
    font-weight: 600;
    padding-block: 0.6em;
    min-block-size: 2.75rem;
  }
  .filters[open] > summary {
    margin-block-end: 0.5em;
  }
  .facets {
    display: grid;
    gap: 0 var(--_space);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
  }
  .option {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    padding-block: 0.2em;
  }
  .option input {
    margin-block-start: 0.15em;
  }
  .count {
    margin: 0;
    font-weight: 600;
  }
  .results {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  article {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    background: var(--_bg);
  }
  .meta {
    color: var(--_muted);
    font-size: 0.9em;
    margin: 0 0 0.25em;
  }
  .title button {
    all: unset;
    cursor: pointer;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    font: inherit;
    font-weight: 600;
  }
  .title button:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .title button::before {
    content: '▸';
    margin-inline-end: 0.35em;
    display: inline-block;
    text-decoration: none;
  }
  .title button[aria-expanded='true']::before {
    content: '▾';
  }
  .title a {
    font-weight: 600;
  }
  .tags {
    margin-block: 0.5em;
  }
  kw-item {
    margin-block-start: var(--_space);
    border-block-start: 1px solid var(--_border);
    padding-block-start: var(--_space);
  }
  @media (forced-colors: active) {
    .title button {
      color: LinkText;
    }
    article,
    .filters {
      border-color: CanvasText;
    }
  }
  @media print {
    .search,
    .filters {
      display: none;
    }
  }
`;
