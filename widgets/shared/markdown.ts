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

const marked = new Marked({ gfm: true, async: false });

/**
 * Markdown → HTML whose highest heading is `firstHeading`, the rest following in order: a body that starts
 * at "##" under an item titled at level 2 gets level-3 headings, so the page outline has no gaps.
 */
function markdownToHtml(markdown: string, firstHeading: number): string {
  const tokens = marked.lexer(markdown);
  let highest = 7;
  marked.walkTokens(tokens, (token) => {
    if (token.type === 'heading') highest = Math.min(highest, token.depth);
  });
  const shift = firstHeading - highest;
  marked.walkTokens(tokens, (token) => {
    if (token.type === 'heading') token.depth = Math.min(6, Math.max(1, token.depth + shift));
  });
  return marked.parser(tokens);
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
  const html = markdownToHtml(markdown, firstHeading);
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
    ALLOW_DATA_ATTR: false,
    ...(tt ? { RETURN_TRUSTED_TYPE: true, TRUSTED_TYPES_POLICY: tt as unknown as Config['TRUSTED_TYPES_POLICY'] } : { TRUSTED_TYPES_POLICY: null }),
  }) as unknown as TrustedHTML | string;
}
