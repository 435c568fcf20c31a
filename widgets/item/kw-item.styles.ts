import { css } from 'lit';

export const itemStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  .meta {
    color: var(--_muted);
    font-size: 0.9em;
    margin: 0;
  }
  .title {
    font-size: 1.35em;
  }
  .summary {
    font-size: 1.05em;
    margin: 0;
  }
  section > [role='heading'] {
    font-size: 1.05em;
  }
  ol,
  ul {
    margin: 0;
    padding-inline-start: 1.5em;
  }
  li + li {
    margin-block-start: 0.25em;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25em 1em;
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  .body {
    max-inline-size: 70ch;
  }
  .body :is(h1, h2, h3, h4, h5, h6) {
    font-size: 1.05em;
    margin: 1em 0 0.25em;
  }
  .body > :first-child {
    margin-block-start: 0;
  }
  .body img {
    max-inline-size: 100%;
    block-size: auto;
  }
  .body pre {
    overflow-x: auto;
  }
  .body table {
    border-collapse: collapse;
    display: block;
    overflow-x: auto;
  }
  .body :is(th, td) {
    border: 1px solid var(--_border);
    padding: 0.25em 0.5em;
  }
  .plain {
    white-space: pre-line;
  }
  .status-flag {
    font-weight: 700;
    color: var(--_danger);
  }
  .related button {
    all: unset;
    cursor: pointer;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .related button:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .copy {
    display: grid;
    gap: 0.25em;
  }
  @media (max-width: 30rem) {
    dl {
      grid-template-columns: 1fr;
    }
    dd + dt {
      margin-block-start: 0.5em;
    }
  }
  @media (forced-colors: active) {
    .related button {
      color: LinkText;
    }
  }
`;
