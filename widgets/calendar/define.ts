/** Registers `<kw-calendar>` (only when the tag is free; see shared/define.ts). */
import { defineElement } from '../shared/define.ts';
import { KwCalendar } from './kw-calendar.ts';

defineElement('kw-calendar', KwCalendar);

declare global {
  interface HTMLElementTagNameMap {
    'kw-calendar': KwCalendar;
  }
}
