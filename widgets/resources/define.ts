/** Registers `<kw-resources>` (only when the tag is free; see shared/define.ts). */
import { defineElement } from '../shared/define.ts';
import { KwResources } from './kw-resources.ts';

defineElement('kw-resources', KwResources);

declare global {
  interface HTMLElementTagNameMap {
    'kw-resources': KwResources;
  }
}
