/** Registers `<kw-item>` (only when the tag is free; see shared/define.ts). */
import { defineElement } from '../shared/define.ts';
import { KwItem } from './kw-item.ts';

defineElement('kw-item', KwItem);

declare global {
  interface HTMLElementTagNameMap {
    'kw-item': KwItem;
  }
}
