/**
 * The catalog reader without the JSON syntax-error locator (which only matters for broken files), so
 * browsers can load the locator on demand; `parse.ts` is the same reader with the locator built in.
 *
 * Reading a catalog: `parseCatalog` never throws. Strict mode (the CLI, `kanswijzer build`) reports every
 * problem and returns a catalog only when it is valid; lenient mode (widgets, extension) keeps every valid
 * item, drops invalid ones and returns the problems alongside.
 */
import * as v from 'valibot';
import {
  AudienceSchema,
  CATALOG_FORMAT,
  CATALOG_VERSION,
  CatalogHeaderSchema,
  ItemSchema,
  KNOWN_FIELDS,
  PeriodSchema,
  SectorSchema,
  TopicSchema,
} from './schema.ts';
import { decodeBytes, decodeText, valueTooDeep, MAX_NESTING_DEPTH } from './decode.ts';
import type { JsonSyntaxError } from './json-syntax.ts';
import { checkBodyLinks, checkItemRules } from './rules.ts';
import type { Catalog, CatalogProblem, Item, ParseResult } from './types.ts';
import { msg } from './message-key.ts';

export type ParseMode = 'strict' | 'lenient';

export interface ParseOptions {
  /** Default `lenient`. */
  mode?: ParseMode;
  /**
   * Finds the line and column of a JSON syntax error (see json-syntax.ts). Without it, invalid JSON is
   * reported with the JavaScript engine's own words.
   */
  locateSyntaxError?: (text: string) => JsonSyntaxError | undefined;
}

type Issue = v.BaseIssue<unknown>;

function pathToString(parts: Array<string | number>): string {
  let out = '';
  for (const part of parts) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

function showValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function issueMessage(issue: Issue): string {
  const last = issue.path?.[issue.path.length - 1];
  const missing = issue.message.startsWith('Invalid key:') || (issue.kind === 'schema' && issue.received === 'undefined' && last && (last as { value?: unknown }).value === undefined);
  if (missing) return msg('required');
  if (issue.input === undefined) return issue.message;
  return issue.message + msg('found', showValue(issue.input));
}

/** Converts valibot issues into problems; `prefix` is the JSON path of the object that was checked. */
function issuesToProblems(issues: readonly Issue[], prefix: Array<string | number>, itemId: string | undefined): CatalogProblem[] {
  const seen = new Set<string>();
  return issues.flatMap((issue) => {
    const keys = (issue.path ?? []).map((p) => p.key as string | number);
    const full = [...prefix, ...keys];
    const field = keys.filter((k): k is string => typeof k === 'string').join('.') || undefined;
    // A pattern step and a check step may say the same thing about one value: report it once.
    const key = `${pathToString(full)}\u0000${issue.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return {
      severity: 'error' as const,
      path: pathToString(full),
      ...(itemId ? { itemId } : {}),
      ...(field ? { field } : {}),
      message: issueMessage(issue),
    };
  });
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list (array)';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function fatal(message: string, extra: Partial<CatalogProblem> = {}): ParseResult {
  return { catalog: undefined, valid: false, problems: [{ severity: 'error', path: '', message, ...extra }] };
}

function idOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return undefined;
}

function unknownFieldNotes(value: Record<string, unknown>, known: readonly string[], path: string, itemId?: string): CatalogProblem[] {
  return Object.keys(value)
    .filter((key) => !known.includes(key) && key !== 'provenance')
    .map((key) => ({
      severity: 'note' as const,
      path: path ? `${path}.${key}` : key,
      ...(itemId ? { itemId } : {}),
      field: key,
      message: msg('unknownField', key),
    }));
}

type TaxonomyKind = 'topics' | 'audiences' | 'sectors' | 'periods';
const TAXONOMY_SCHEMAS = { topics: TopicSchema, audiences: AudienceSchema, sectors: SectorSchema, periods: PeriodSchema } as const;
const TAXONOMY_SINGULAR = { topics: 'topic', audiences: 'audience', sectors: 'sector', periods: 'period' } as const;

/**
 * Reads a catalog from JSON text, bytes (UTF-8 or UTF-16, with or without byte-order mark) or an already
 * parsed value. Never throws: every problem is in `problems`.
 */
export function parseCatalog(input: unknown, options: ParseOptions = {}): ParseResult {
  try {
    return parseUnsafe(input, options.mode ?? 'lenient', options.locateSyntaxError);
  } catch (error) {
    // Defence in depth: a crash here would be a bug, but the caller must still get an answer.
    return fatal(msg('unreadable', error instanceof Error ? error.message : String(error)));
  }
}

function parseUnsafe(input: unknown, mode: ParseMode, locate: ParseOptions['locateSyntaxError']): ParseResult {
  const notes: CatalogProblem[] = [];
  let value: unknown = input;

  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) return fatal(decoded.message);
    notes.push(...decoded.notes.map((message) => ({ severity: 'note' as const, path: '', message })));
    value = decoded.text;
  }
  if (typeof value === 'string') {
    const textNotes: string[] = [];
    const decoded = decodeText(value, textNotes, locate);
    if (!decoded.ok) return fatal(decoded.message, decoded.line ? { line: decoded.line } : {});
    notes.push(...textNotes.map((message) => ({ severity: 'note' as const, path: '', message })));
    value = decoded.value;
  } else if (value === undefined || value === null) {
    return fatal(msg('noInput'));
  } else if (valueTooDeep(value)) {
    return fatal(msg('tooDeepValue', MAX_NESTING_DEPTH));
  }

  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fatal(msg('notObject', typeName(value)));
  }
  const root = value as Record<string, unknown>;

  if (root.format !== CATALOG_FORMAT) {
    return fatal(msg('notCatalog', CATALOG_FORMAT, root.format === undefined ? '' : showValue(root.format)), { field: 'format', path: 'format' });
  }
  if (typeof root.version === 'number' && root.version > CATALOG_VERSION) {
    return fatal(msg('futureVersion', root.version, CATALOG_VERSION), { field: 'version', path: 'version' });
  }

  const problems: CatalogProblem[] = [];
  const header = v.safeParse(CatalogHeaderSchema, root);
  if (!header.success) {
    const headerProblems = issuesToProblems(header.issues, [], undefined);
    problems.push(...headerProblems);
    const blocking = headerProblems.some((p) => ['version', 'items'].includes(p.field ?? ''));
    if (blocking || mode === 'strict') {
      if (mode === 'strict') {
        // Keep going to report item problems too, unless items cannot be read at all.
        if (!Array.isArray(root.items)) return { catalog: undefined, valid: false, problems: [...problems, ...notes] };
      } else {
        return { catalog: undefined, valid: false, problems: [...problems, ...notes] };
      }
    }
  }
  if (mode === 'strict') notes.push(...unknownFieldNotes(root, KNOWN_FIELDS.catalog, ''));

  const catalogLanguage = typeof root.language === 'string' && root.language ? root.language : 'nl';
  const catalogId = typeof root.id === 'string' && /^[A-Za-z0-9]/.test(root.id) ? root.id : 'catalog';

  // Taxonomy: each entry on its own, so one broken topic does not hide the rest.
  const taxonomy: Record<TaxonomyKind, Array<Record<string, unknown>>> = { topics: [], audiences: [], sectors: [], periods: [] };
  for (const kind of Object.keys(TAXONOMY_SCHEMAS) as TaxonomyKind[]) {
    const list = Array.isArray(root[kind]) ? (root[kind] as unknown[]) : [];
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      const result = v.safeParse(TAXONOMY_SCHEMAS[kind], entry);
      const id = idOf(entry);
      if (!result.success) {
        problems.push(...issuesToProblems(result.issues, [kind, index], id));
        return;
      }
      if (seen.has(result.output.id)) {
        problems.push({ severity: 'error', path: `${kind}[${index}].id`, itemId: id, field: 'id', message: msg('duplicateTaxonomy', TAXONOMY_SINGULAR[kind], String(id)) });
        return;
      }
      seen.add(result.output.id);
      if (mode === 'strict') notes.push(...unknownFieldNotes(entry as Record<string, unknown>, KNOWN_FIELDS[TAXONOMY_SINGULAR[kind]], `${kind}[${index}]`, id));
      taxonomy[kind].push(result.output as Record<string, unknown>);
    });
  }
  const defined = {
    topics: new Set(taxonomy.topics.map((t) => t.id as string)),
    audiences: new Set(taxonomy.audiences.map((t) => t.id as string)),
    sectors: new Set(taxonomy.sectors.map((t) => t.id as string)),
    periods: new Set(taxonomy.periods.map((t) => t.id as string)),
  };

  const items: Item[] = [];
  const itemIds = new Set<string>();
  const rawItems = Array.isArray(root.items) ? (root.items as unknown[]) : [];
  rawItems.forEach((raw, index) => {
    const id = idOf(raw);
    const path = `items[${index}]`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push({ severity: 'error', path, message: msg('itemNotObject', typeName(raw)) });
      return;
    }
    const result = v.safeParse(ItemSchema, raw);
    if (!result.success) {
      problems.push(...issuesToProblems(result.issues, ['items', index], id));
      // Still check the body's links, so strict mode reports every problem in one pass.
      problems.push(...checkBodyLinks(raw as Item, path));
      return;
    }
    const item = result.output as Item;
    if (itemIds.has(item.id)) {
      problems.push({ severity: 'error', path: `${path}.id`, itemId: item.id, field: 'id', message: msg('duplicateItem', item.id) });
      return;
    }
    const ruleProblems = checkItemRules(item, path);
    if (ruleProblems.length) {
      problems.push(...ruleProblems);
      return;
    }
    // References to undefined taxonomy ids are reported; lenient readers keep the item without them.
    for (const kind of ['topics', 'audiences', 'sectors', 'periods'] as const) {
      const refs = item[kind];
      const kept: string[] = [];
      refs.forEach((ref, refIndex) => {
        if (defined[kind].has(ref)) kept.push(ref);
        else
          problems.push({
            severity: 'error',
            path: `${path}.${kind}[${refIndex}]`,
            itemId: item.id,
            field: kind,
            message: msg('undefinedRef', TAXONOMY_SINGULAR[kind], ref, kind),
          });
      });
      item[kind] = kept;
    }
    if (mode === 'strict') notes.push(...unknownFieldNotes(raw as Record<string, unknown>, KNOWN_FIELDS[item.type], path, item.id));
    itemIds.add(item.id);
    items.push(item);
  });

  const valid = !problems.some((p) => p.severity === 'error');
  const allProblems = [...problems, ...notes];
  if (mode === 'strict' && !valid) return { catalog: undefined, valid, problems: allProblems };

  const base = header.success ? (header.output as Record<string, unknown>) : { ...root };
  const catalog = {
    ...base,
    format: CATALOG_FORMAT,
    version: CATALOG_VERSION,
    id: catalogId,
    title: header.success ? header.output.title : typeof root.title === 'string' || (root.title && typeof root.title === 'object') ? root.title : catalogId,
    language: catalogLanguage,
    topics: taxonomy.topics,
    audiences: taxonomy.audiences,
    sectors: taxonomy.sectors,
    periods: taxonomy.periods,
    items,
  } as unknown as Catalog;
  return { catalog, valid, problems: allProblems };
}

/** One line per problem, as the CLI prints them: `item <id>, field <field>: message` or the JSON path. */
export function formatProblem(problem: CatalogProblem, file?: string): string {
  const where = problem.file ?? file;
  const location = where ? (problem.line ? `${where}:${problem.line}` : where) : '';
  const taxonomy = /^(topics|audiences|sectors|periods)\[/.exec(problem.path)?.[1] as keyof typeof TAXONOMY_SINGULAR | undefined;
  const kind = taxonomy ? TAXONOMY_SINGULAR[taxonomy] : 'item';
  const subject = problem.itemId
    ? `${kind} "${problem.itemId}"${problem.field ? `, field "${problem.field}"` : ''}`
    : problem.field && problem.path === problem.field
      ? `field "${problem.field}"`
      : problem.path || (location ? '' : 'catalog');
  const level = problem.severity === 'note' ? 'note: ' : '';
  return `${location ? `${location}: ` : ''}${level}${subject ? `${subject}: ` : ''}${problem.message}`;
}
