/**
 * The look every element shares, themable through a small set of `--kw-*` custom properties. Internal
 * `--_*` variables hold the value in effect: the page's custom property when set, else a light or dark
 * default (the reader's colour scheme, or the `theme` attribute). Forced colours (Windows high contrast)
 * use system colours; focus is always visible; motion stops when the reader asks for less.
 */
import { css } from 'lit';

export const themeStyles = css`
  :host {
    --_font: var(--kw-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_radius: var(--kw-radius, 0.375rem);
    --_space: var(--kw-spacing, 1rem);
    --_text: var(--kw-color-text, #1c1c1c);
    --_bg: var(--kw-color-background, #ffffff);
    --_surface: var(--kw-color-surface, #f4f5f7);
    --_accent: var(--kw-color-accent, #0b5cad);
    --_on-accent: var(--kw-color-on-accent, #ffffff);
    --_muted: var(--kw-color-muted, #555b63);
    --_border: var(--kw-color-border, #8a9099);
    --_danger: var(--kw-color-danger, #a4151b);
    --_focus: var(--kw-focus-ring, 3px solid #c24e00);
    display: block;
    box-sizing: border-box;
    color: var(--_text);
    background: var(--_bg);
    font-family: var(--_font);
    font-size: var(--kw-font-size, 1rem);
    line-height: 1.5;
    text-align: start;
    overflow-wrap: anywhere;
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_text: var(--kw-color-text, #ececec);
      --_bg: var(--kw-color-background, #16181b);
      --_surface: var(--kw-color-surface, #23262b);
      --_accent: var(--kw-color-accent, #8cc4ff);
      --_on-accent: var(--kw-color-on-accent, #0c1a2a);
      --_muted: var(--kw-color-muted, #b5bac2);
      --_border: var(--kw-color-border, #7d848e);
      --_danger: var(--kw-color-danger, #ff9a9e);
      --_focus: var(--kw-focus-ring, 3px solid #ffb870);
      color-scheme: dark;
    }
  }
  :host([theme='dark']) {
    --_text: var(--kw-color-text, #ececec);
    --_bg: var(--kw-color-background, #16181b);
    --_surface: var(--kw-color-surface, #23262b);
    --_accent: var(--kw-color-accent, #8cc4ff);
    --_on-accent: var(--kw-color-on-accent, #0c1a2a);
    --_muted: var(--kw-color-muted, #b5bac2);
    --_border: var(--kw-color-border, #7d848e);
    --_danger: var(--kw-color-danger, #ff9a9e);
    --_focus: var(--kw-focus-ring, 3px solid #ffb870);
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [role='heading'] {
    font-size: 1.15em;
    font-weight: 700;
    line-height: 1.3;
    margin: 0 0 0.25em;
  }
  p {
    margin: 0 0 0.75em;
  }
  a {
    color: var(--_accent);
    text-underline-offset: 0.15em;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    max-inline-size: 100%;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_accent);
    padding: 0.35em 0.8em;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
  }
  button.primary,
  button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: 0.4em 0.6em;
    min-block-size: 2.75rem;
    inline-size: 100%;
  }
  input[type='checkbox'] {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--_accent);
    flex: none;
  }
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 var(--_space);
    padding: 0.5em 0.75em 0.75em;
    min-inline-size: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25em;
  }
  .muted {
    color: var(--_muted);
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .notice {
    border-inline-start: 4px solid var(--_accent);
    background: var(--_surface);
    padding: 0.75em 1em;
    margin: 0 0 var(--_space);
    border-radius: var(--_radius);
  }
  .notice.error {
    border-color: var(--_danger);
  }
  .notice > :last-child {
    margin-block-end: 0;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35em;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .tags > li {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 999px;
    padding: 0 0.6em;
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .loading {
    color: var(--_muted);
  }
  @media (prefers-reduced-motion: no-preference) {
    .loading::after {
      content: '';
      display: inline-block;
      inline-size: 0.8em;
      block-size: 0.8em;
      margin-inline-start: 0.5em;
      border: 2px solid currentColor;
      border-inline-end-color: transparent;
      border-radius: 50%;
      animation: kw-spin 0.9s linear infinite;
      vertical-align: -0.1em;
    }
  }
  @keyframes kw-spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (forced-colors: active) {
    button,
    input,
    select,
    textarea,
    fieldset,
    .tags > li,
    .notice {
      border-color: CanvasText;
    }
    button[aria-pressed='true'],
    button.primary {
      background: Highlight;
      color: HighlightText;
      forced-color-adjust: none;
    }
    :focus-visible {
      outline: 3px solid Highlight;
    }
  }
  @media print {
    :host {
      color: #000;
      background: #fff;
    }
    button,
    .no-print {
      display: none !important;
    }
  }
`;
