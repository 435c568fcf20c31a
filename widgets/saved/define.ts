/** Registers `<kw-saved>` (only when the tag is free; see shared/define.ts). */
import { defineElement } from '../shared/define.ts';
import { KwSaved } from './kw-saved.ts';

defineElement('kw-saved', KwSaved);

declare global {
  interface HTMLElementTagNameMap {
    'kw-saved': KwSaved;
  }
}
