import { css } from 'lit';

export const planStyles = css`
  .base {
    display: grid;
    gap: var(--_space);
  }
  section {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  section > [role='heading'] {
    font-size: 1.2em;
    margin: 0;
  }
  label,
  .label {
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: end;
  }
  .row > .grow {
    flex: 1 1 14rem;
  }
  progress {
    inline-size: 100%;
    block-size: 1rem;
    accent-color: var(--_accent);
  }
  .choices {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.35em;
  }
  .check {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
  }
  .check input {
    margin-block-start: 0.15em;
  }
  .check label,
  .check .label-text {
    font-weight: normal;
  }
  .entry > legend {
    font-size: 1.05em;
  }
  .steps {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75em;
  }
  .step {
    border-block-start: 1px solid var(--_border);
    padding-block-start: 0.75em;
    display: grid;
    gap: 0.5em;
  }
  .step-fields {
    display: grid;
    gap: 0.5em var(--_space);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    padding-inline-start: 1.75em;
  }
  .step-fields .wide {
    grid-column: 1 / -1;
  }
  .step.done .step-text {
    text-decoration: line-through;
    color: var(--_muted);
  }
  textarea {
    min-block-size: 3.5em;
    resize: vertical;
  }
  .confirm {
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    padding: 0.75em;
  }
  .print-only {
    display: none;
  }
  @media print {
    .screen {
      display: none !important;
    }
    .print-only {
      display: block;
    }
    .print-only h2 {
      font-size: 1.5em;
    }
    .print-only h3 {
      font-size: 1.15em;
      margin-block: 1em 0.25em;
    }
    .print-only li {
      break-inside: avoid;
    }
  }
`;
