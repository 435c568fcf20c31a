/**
 * Finding the LMS's rich-text editor, which the optional in-page hint sits beside. Part of the content script,
 * which looks for an editor only when the background says a hint is wanted (hints on, practices that fit, not
 * dismissed here); the hint itself is a separate script.
 */

/** Editors the hint can sit beside, most specific first. */
export const EDITOR_SELECTORS = [
  '.tox-tinymce', // TinyMCE: Moodle 4.x, Canvas RCE, itslearning
  '.editor_atto', // Moodle Atto
  '.rce-wrapper', // Canvas Rich Content Editor
  'd2l-htmleditor', // Brightspace
  '.d2l-htmleditor-container',
  '.fr-box', // Froala: Blackboard Ultra
  '.bb-editor',
  '.cke', // CKEditor
  '.ck-editor',
  '[data-fieldtype="editor"]',
];

const ANY_EDITOR = EDITOR_SELECTORS.join(', ');

/** The first editor on the page (by the order of {@link EDITOR_SELECTORS}), or null. Reads no layout. */
export function findEditor(document: Document): Element | null {
  // Most pages have none: one pass over the page answers that, instead of one pass per selector.
  try {
    if (!document.querySelector(ANY_EDITOR)) return null;
  } catch {
    // A selector this browser does not know: ask one at a time below.
  }
  for (const selector of EDITOR_SELECTORS) {
    try {
      const element = document.querySelector(selector);
      if (element) return element;
    } catch {
      // A selector this browser does not know: try the next.
    }
  }
  return null;
}

