/**
 * A small compiled matcher for the exclusion lists: type, `#id`, `.class` and attribute selectors, joined
 * by descendant or child combinators. Each element is tested while the text walk visits it, with a lookup
 * by id, class and tag instead of one CSS query per selector over the whole page: that keeps the cost of
 * reading a page proportional to what is read, also in slow DOMs such as jsdom. Selectors outside this
 * grammar (pseudo-classes, sibling combinators) are reported as `unsupported` so the caller can still
 * honour them with a regular query.
 */

type AttributeOperator = '' | '=' | '~=' | '|=' | '^=' | '$=' | '*=';

interface AttributeTest {
  name: string;
  operator: AttributeOperator;
  value: string;
  ignoreCase: boolean;
}

interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
  attributes: AttributeTest[];
}

/** A selector read right to left: `parts[0]` is the element itself, then its ancestors. */
interface Chain {
  parts: Compound[];
  /** `combinators[i]` joins `parts[i]` to `parts[i + 1]`: ' ' (descendant) or '>' (child). */
  combinators: string[];
  /** Set when the whole selector is one attribute test (`[class*="avatar"]`): checked on the value alone. */
  alone?: AttributeTest;
}

/** Reads one attribute of the element being tested (null when absent). */
export type AttributeReader = (name: string) => string | null;

const IDENT = /^-?[_a-zA-Z\u00a0-\uffff][-_a-zA-Z0-9\u00a0-\uffff]*/;

export class SelectorMatcher {
  private readonly byId = new Map<string, Chain[]>();
  private readonly byClass = new Map<string, Chain[]>();
  private readonly byTag = new Map<string, Chain[]>();
  /** Selectors whose subject names only attributes, by the first attribute's name: most elements lack it. */
  private readonly byAttribute = new Map<string, Chain[]>();
  private readonly anyElement: Chain[] = [];
  /**
   * One test for every class the selectors index: a class attribute without any of them (most of them)
   * costs one regular-expression test instead of a split and a lookup per class.
   */
  private readonly anyIndexedClass: RegExp | null;
  /** Per attribute name, one test for all its `[name*="value"]` selectors that stand alone. */
  private readonly containsAny = new Map<string, RegExp>();
  /** Selectors this matcher cannot evaluate, joined as a selector list (empty when none). */
  readonly unsupported: string;

  constructor(selectorList: string) {
    const unsupported: string[] = [];
    for (const selector of splitList(selectorList)) {
      const chain = parseChain(selector);
      if (!chain) {
        unsupported.push(selector);
        continue;
      }
      const subject = chain.parts[0]!;
      if (subject.id) add(this.byId, subject.id, chain);
      else if (subject.classes[0]) add(this.byClass, subject.classes[0], chain);
      else if (subject.tag) add(this.byTag, subject.tag, chain);
      else if (subject.attributes[0]) add(this.byAttribute, subject.attributes[0].name, chain);
      else this.anyElement.push(chain);
    }
    this.unsupported = unsupported.join(', ');
    this.anyIndexedClass = this.byClass.size > 0 ? new RegExp(`(?:^|\\s)(?:${[...this.byClass.keys()].map(escapeRegExp).join('|')})(?=\\s|$)`) : null;
    for (const [name, chains] of this.byAttribute) {
      const contained = chains.filter((chain) => chain.alone?.operator === '*=' && !chain.alone.ignoreCase && chain.alone.value !== '');
      if (contained.length < 2) continue;
      this.containsAny.set(name, new RegExp(contained.map((chain) => escapeRegExp(chain.alone!.value)).join('|')));
      this.byAttribute.set(name, chains.filter((chain) => !contained.includes(chain)));
    }
  }

  /**
   * True when `element` matches one of the selectors; `read` gives the element's own attributes.
   * `attributeNames`, when given, lists every attribute the element has (`getAttributeNames()`), which
   * spares a read per attribute the selectors mention.
   */
  matches(element: Element, read: AttributeReader, attributeNames?: readonly string[]): boolean {
    return this.matchesSubject(subjectOf(element, read), attributeNames);
  }

  /** {@link matches} for an element read with its own `getAttribute`. */
  matchesElement(element: Element, attributeNames: readonly string[]): boolean {
    return this.matchesSubject(subjectOf(element, null, attributeNames), attributeNames);
  }

  private matchesSubject(subject: Subject, attributeNames: readonly string[] | undefined): boolean {
    if (subject.id && this.test(this.byId.get(subject.id), subject)) return true;
    if (subject.classAttribute && this.anyIndexedClass?.test(subject.classAttribute)) {
      for (const name of classesOf(subject)) {
        if (this.test(this.byClass.get(name), subject)) return true;
      }
    }
    if (this.test(this.byTag.get(subject.element.localName), subject)) return true;
    if (this.byAttribute.size > 0) {
      if (attributeNames) {
        for (const name of attributeNames) {
          const chains = this.byAttribute.get(name);
          if (chains && this.testByAttribute(name, chains, subject)) return true;
        }
      } else {
        for (const [name, chains] of this.byAttribute) {
          if (this.testByAttribute(name, chains, subject)) return true;
        }
      }
    }
    return this.test(this.anyElement, subject);
  }

  /** Tests the selectors whose subject starts with an attribute `name`, reading that attribute once. */
  private testByAttribute(name: string, chains: Chain[], subject: Subject): boolean {
    const value = readAttribute(subject, name);
    if (value === null) return false;
    if (this.containsAny.get(name)?.test(value)) return true;
    for (const chain of chains) {
      const alone = chain.alone;
      if (alone ? matchesValue(value, alone) : matchesSubject(subject, chain.parts[0]!) && (chain.parts.length === 1 || matchesAncestors(subject.element, chain, 1))) {
        return true;
      }
    }
    return false;
  }

  private test(chains: Chain[] | undefined, subject: Subject): boolean {
    if (!chains) return false;
    for (const chain of chains) {
      if (matchesSubject(subject, chain.parts[0]!) && (chain.parts.length === 1 || matchesAncestors(subject.element, chain, 1))) {
        return true;
      }
    }
    return false;
  }
}

/** The element being tested, with its id and class list read once. */
interface Subject {
  element: Element;
  id: string | null;
  classAttribute: string | null;
  /** The class tokens, split when first needed (most elements never need them). */
  classes: readonly string[] | null;
  /** How to read its other attributes; null: the element's own `getAttribute`. */
  read: AttributeReader | null;
}

/** The subject for `element`; `names`, when known, spares reading an id or class it does not have. */
function subjectOf(element: Element, read: AttributeReader | null, names?: readonly string[]): Subject {
  const id = read ? read('id') : !names || names.includes('id') ? element.getAttribute('id') : null;
  const classAttribute = read ? read('class') : !names || names.includes('class') ? element.getAttribute('class') : null;
  return { element, id, classAttribute, classes: classAttribute ? null : NO_CLASSES, read };
}

function classesOf(subject: Subject): readonly string[] {
  subject.classes ??= splitClasses(subject.classAttribute ?? '');
  return subject.classes;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readAttribute(subject: Subject, name: string): string | null {
  if (name === 'id') return subject.id;
  if (name === 'class') return subject.classAttribute;
  return subject.read ? subject.read(name) : subject.element.getAttribute(name);
}

const NO_CLASSES: readonly string[] = [];

/** The class tokens of a class attribute (whitespace-separated, empty tokens dropped). */
function splitClasses(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}

const compiled = new Map<string, SelectorMatcher>();

/** The matcher for a selector list, compiled once per distinct list. */
export function compileSelectors(selectorList: string): SelectorMatcher {
  let matcher = compiled.get(selectorList);
  if (!matcher) {
    matcher = new SelectorMatcher(selectorList);
    if (compiled.size < 64) compiled.set(selectorList, matcher);
  }
  return matcher;
}

function add(map: Map<string, Chain[]>, key: string, chain: Chain): void {
  const list = map.get(key);
  if (list) list.push(chain);
  else map.set(key, [chain]);
}

function matchesSubject(subject: Subject, compound: Compound): boolean {
  if (compound.tag && subject.element.localName !== compound.tag) return false;
  if (compound.id && subject.id !== compound.id) return false;
  if (compound.classes.length > 0) {
    const classes = classesOf(subject);
    for (const name of compound.classes) if (!classes.includes(name)) return false;
  }
  for (const test of compound.attributes) {
    const actual = readAttribute(subject, test.name);
    if (actual === null || !matchesValue(actual, test)) return false;
  }
  return true;
}

function matchesAncestors(element: Element, chain: Chain, index: number): boolean {
  if (index >= chain.parts.length) return true;
  const compound = chain.parts[index]!;
  const combinator = chain.combinators[index - 1];
  let ancestor = element.parentElement;
  if (combinator === '>') {
    return Boolean(ancestor && matchesCompound(ancestor, compound) && matchesAncestors(ancestor, chain, index + 1));
  }
  while (ancestor) {
    if (matchesCompound(ancestor, compound) && matchesAncestors(ancestor, chain, index + 1)) return true;
    ancestor = ancestor.parentElement;
  }
  return false;
}

function matchesCompound(element: Element, compound: Compound): boolean {
  if (compound.tag && element.localName !== compound.tag) return false;
  if (compound.id && element.getAttribute('id') !== compound.id) return false;
  if (compound.classes.length > 0) {
    const classes = (element.getAttribute('class') ?? '').split(/\s+/);
    for (const name of compound.classes) if (!classes.includes(name)) return false;
  }
  for (const test of compound.attributes) {
    const actual = element.getAttribute(test.name);
    if (actual === null || !matchesValue(actual, test)) return false;
  }
  return true;
}

function matchesValue(actual: string, test: AttributeTest): boolean {
  if (test.operator === '') return true;
  const value = test.ignoreCase ? actual.toLowerCase() : actual;
  const wanted = test.value;
  switch (test.operator) {
    case '=': return value === wanted;
    case '~=': return value.split(/\s+/).includes(wanted);
    case '|=': return value === wanted || value.startsWith(`${wanted}-`);
    case '^=': return wanted !== '' && value.startsWith(wanted);
    case '$=': return wanted !== '' && value.endsWith(wanted);
    case '*=': return wanted !== '' && value.includes(wanted);
  }
}

/** Splits a selector list at top-level commas (not inside brackets or quotes). */
function splitList(list: string): string[] {
  const selectors: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const char = list[i]!;
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[' || char === '(') depth++;
    else if (char === ']' || char === ')') depth--;
    else if (char === ',' && depth === 0) {
      selectors.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  selectors.push(list.slice(start).trim());
  return selectors.filter(Boolean);
}

/** Parses one selector into a right-to-left chain, or null when it uses anything outside the grammar. */
function parseChain(selector: string): Chain | null {
  const compounds: Compound[] = [];
  const combinators: string[] = [];
  let rest = selector.trim();
  while (rest) {
    const parsed = parseCompound(rest);
    if (!parsed) return null;
    compounds.push(parsed.compound);
    rest = parsed.rest;
    if (!rest) break;
    const combinator = /^\s*(>)\s*|^\s+/.exec(rest);
    if (!combinator) return null;
    combinators.push(combinator[1] ?? ' ');
    rest = rest.slice(combinator[0].length);
  }
  if (compounds.length === 0) return null;
  const only = compounds.length === 1 ? compounds[0]! : null;
  const alone = only && !only.tag && !only.id && only.classes.length === 0 && only.attributes.length === 1 ? only.attributes[0] : undefined;
  return { parts: compounds.reverse(), combinators: combinators.reverse(), ...(alone ? { alone } : {}) };
}

function parseCompound(input: string): { compound: Compound; rest: string } | null {
  const compound: Compound = { classes: [], attributes: [] };
  let rest = input;
  const tag = IDENT.exec(rest);
  if (tag) {
    compound.tag = tag[0].toLowerCase();
    rest = rest.slice(tag[0].length);
  } else if (rest.startsWith('*')) {
    rest = rest.slice(1);
  }
  let progressed = Boolean(tag) || input.startsWith('*');
  for (;;) {
    if (rest.startsWith('#') || rest.startsWith('.')) {
      const name = IDENT.exec(rest.slice(1));
      if (!name) return null;
      if (rest[0] === '#') compound.id = name[0];
      else compound.classes.push(name[0]);
      rest = rest.slice(1 + name[0].length);
    } else if (rest.startsWith('[')) {
      const attribute = /^\[\s*([-\w:]+)\s*(?:([~|^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([-\w]+))\s*([iI])?\s*)?\]/.exec(rest);
      if (!attribute) return null;
      const ignoreCase = Boolean(attribute[6]);
      const value = attribute[3] ?? attribute[4] ?? attribute[5] ?? '';
      compound.attributes.push({
        name: attribute[1]!.toLowerCase(),
        operator: (attribute[2] ?? '') as AttributeOperator,
        value: ignoreCase ? value.toLowerCase() : value,
        ignoreCase,
      });
      rest = rest.slice(attribute[0].length);
    } else {
      break;
    }
    progressed = true;
  }
  // Pseudo-classes, pseudo-elements and sibling combinators are left to the browser's own engine.
  if (!progressed || /^[:+~]/.test(rest) || (rest && !/^\s|^>/.test(rest))) return null;
  return { compound, rest };
}
