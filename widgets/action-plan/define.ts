/** Registers `<kw-action-plan>` (only when the tag is free; see shared/define.ts). */
import { defineElement } from '../shared/define.ts';
import { KwActionPlan } from './kw-action-plan.ts';

defineElement('kw-action-plan', KwActionPlan);

declare global {
  interface HTMLElementTagNameMap {
    'kw-action-plan': KwActionPlan;
  }
}
