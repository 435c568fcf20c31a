/**
 * Markdown bodies from feeds, rendered safely: marked turns Markdown into HTML, DOMPurify keeps only plain
 * text markup (no scripts, styles, forms or frames), links only to http(s) and mailto (with
 * rel="noopener noreferrer"), images only over https. Under Trusted Types the result is TrustedHTML from
 * the `kanswijzer` policy, which only DOMPurify uses. A lazy chunk: loaded when a body is first shown.
 */
import DOMPurify from 'dompurify';
import type { Config } from 'dompurify';
import { Marked } from 'marked';
import { safeUrl } from './links.ts';

type Policy = { createHTML(input: string): TrustedHTML | string; createScriptURL(input: string): string };
interface TrustedHTML {
  readonly brand?: unique symbol;
}

/** `undefined`: not tried yet; `null`: no Trusted Types here; `false`: the policy could not be created. */
let policy: Policy | null | false | undefined;

function trustedTypesPolicy(): Policy | null | false {
  if (policy === undefined) {
    const factory = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: object): Policy } }).trustedTypes;
    if (!factory) policy = null;
    else {
      try {
        // A pass-through policy is safe only because nothing but DOMPurify below ever sees it.
        policy = factory.createPolicy('kanswijzer', { createHTML: (input: string) => input, createScriptURL: (input: string) => input });
      } catch {
        // The page's CSP does not allow the policy name "kanswijzer" (or another copy created it).
        policy = false;
      }
    }
  }
  return policy;
}

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'b', 'i', 'del', 's', 'sup', 'sub', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img', 'abbr', 'span'];
const ALLOWED_ATTR = ['href', 'title', 'src', 'alt', 'lang', 'dir', 'start', 'colspan', 'rowspan', 'scope'];

let hooked = false;
function addHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    if (element.tagName === 'A') {
      const href = safeUrl(element.getAttribute('href'));
      if (href) {
        element.setAttribute('href', href);
        element.setAttribute('rel', 'noopener noreferrer');
      } else element.removeAttribute('href');
    } else if (element.tagName === 'IMG') {
      const src = element.getAttribute('src') ?? '';
      if (!/^https:\/\//i.test(src)) {
        element.remove();
        return;
      }
      element.setAttribute('loading', 'lazy');
      element.setAttribute('referrerpolicy', 'no-referrer');
      if (!element.hasAttribute('alt')) element.setAttribute('alt', '');
    }
  });
}

const renderers = new Map<number, Marked>();

/** A marked instance whose headings sit `shift` levels deeper, under the item's own heading. */
function markedFor(shift: number): Marked {
  let instance = renderers.get(shift);
  if (!instance) {
    instance = new Marked({
      gfm: true,
      async: false,
      walkTokens(token) {
        if (token.type === 'heading') token.depth = Math.min(6, token.depth + shift);
      },
    });
    renderers.set(shift, instance);
  }
  return instance;
}

/**
 * Markdown → sanitised HTML (TrustedHTML under Trusted Types), with headings starting at `firstHeading`.
 * Returns `undefined` when HTML cannot be inserted safely here (Trusted Types required but the
 * `kanswijzer` policy is not allowed): the caller shows the text as plain text.
 */
export function renderMarkdown(markdown: string, firstHeading: number): TrustedHTML | string | undefined {
  const tt = trustedTypesPolicy();
  if (tt === false) return undefined;
  addHooks();
  const html = markedFor(Math.max(0, firstHeading - 1)).parse(markdown, { async: false }) as string;
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
    ALLOW_DATA_ATTR: false,
    ...(tt ? { RETURN_TRUSTED_TYPE: true, TRUSTED_TYPES_POLICY: tt as unknown as Config['TRUSTED_TYPES_POLICY'] } : { TRUSTED_TYPES_POLICY: null }),
  }) as unknown as TrustedHTML | string;
}
