import { css } from 'lit';

export const savedStyles = css`
  .base {
    display: grid;
    gap: var(--_space);
  }
  .toolbar {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em 0.75em 0.75em;
    margin: 0;
  }
  .toolbar input[type='file'] {
    border: none;
    padding-inline: 0;
  }
  .count {
    margin: 0;
    font-weight: 600;
  }
  .list {
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
    display: grid;
    gap: 0.5em;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.9em;
    margin: 0;
  }
  .title button {
    all: unset;
    cursor: pointer;
    color: var(--_accent);
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .title button:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .title button::before {
    content: '▸';
margin-inline-end: 0.35em;
  }
  .title button[aria-expanded='true']::before {
    content: '▾';
  }
  label {
    font-weight: 600;
  }
  textarea {
    min-block-size: 4.5em;
    resize: vertical;
  }
  .problems {
    margin: 0;
  }
  @media (forced-colors: active) {
    .title button {
      color: LinkText;
    }
  }
`;
