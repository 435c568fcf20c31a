/**
 * Reads a content folder (catalog.yml + items/*.md with YAML front matter) into a catalog object, and keeps
 * a map back to the source so every problem can be reported as `file:line`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { CatalogProblem } from '../../shared/catalog/types.ts';

export const CATALOG_FILE = 'catalog.yml';
export const ITEMS_DIR = 'items';
const LANGUAGE_MARKER = /^<!--\s*lang:\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\s*-->\s*$/;

interface SourceDoc {
  file: string;
  doc: Document;
  lines: LineCounter;
  /** Line number in the file where the YAML starts (front matter starts after the first `---`). */
  firstLine: number;
  bodyLine?: number;
}

export interface LoadedContent {
  /** The catalog as a plain object, not yet validated. */
  catalog: Record<string, unknown> | undefined;
  /** Problems found while reading files (YAML syntax, missing front matter, …). */
  problems: CatalogProblem[];
  /** Maps a problem's JSON path to `file` and `line`. */
  locate(problem: CatalogProblem): CatalogProblem;
  files: string[];
}

function lineOf(source: SourceDoc, keys: Array<string | number>): number {
  // The deepest node along the path that exists tells the line.
  for (let depth = keys.length; depth >= 0; depth--) {
    const node = depth === 0 ? source.doc.contents : source.doc.getIn(keys.slice(0, depth), true);
    if (isNode(node) && node.range) {
      // A pair's value node starts on the line of its key for scalars; for maps/lists one line below.
      return source.lines.linePos(node.range[0]).line + source.firstLine - 1;
    }
    if (depth > 0 && keys[depth - 1] === 'body' && source.bodyLine) return source.bodyLine;
  }
  return source.firstLine;
}

function parsePath(jsonPath: string): Array<string | number> {
  const keys: Array<string | number> = [];
  for (const match of jsonPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) keys.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return keys;
}

function yamlProblems(source: SourceDoc): CatalogProblem[] {
  return source.doc.errors.map((error) => ({
    severity: 'error' as const,
    path: '',
    file: source.file,
    line: (error.linePos?.[0]?.line ?? 1) + source.firstLine - 1,
    message: `the YAML cannot be read: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
}

/** Splits Markdown on `<!-- lang: xx -->` markers; text before the first marker is in `defaultLanguage`. */
export function splitBodyLanguages(markdown: string, defaultLanguage: string): string | Record<string, string> | undefined {
  const parts: Record<string, string[]> = {};
  let current = defaultLanguage;
  let sawMarker = false;
  for (const line of markdown.split(/\r?\n/)) {
    const marker = LANGUAGE_MARKER.exec(line.trim());
    if (marker) {
      current = marker[1]!;
      sawMarker = true;
      continue;
    }
    (parts[current] ??= []).push(line);
  }
  const texts = Object.fromEntries(
    Object.entries(parts)
      .map(([lang, lines]) => [lang, lines.join('\n').trim()] as const)
      .filter(([, text]) => text.length > 0),
  );
  if (Object.keys(texts).length === 0) return undefined;
  if (!sawMarker) return texts[defaultLanguage];
  return texts;
}

/** Reads `<dir>/catalog.yml` and `<dir>/items/*.md`. Never throws for bad content; I/O errors do throw. */
export async function loadContent(dir: string): Promise<LoadedContent> {
  const problems: CatalogProblem[] = [];
  const files: string[] = [];
  const sources: { header?: SourceDoc; items: SourceDoc[] } = { items: [] };

  const headerFile = path.join(dir, CATALOG_FILE);
  let catalog: Record<string, unknown> | undefined;
  let language = 'nl';
  try {
    const text = await readFile(headerFile, 'utf8');
    files.push(headerFile);
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    sources.header = { file: headerFile, doc, lines, firstLine: 1 };
    problems.push(...yamlProblems(sources.header));
    const value: unknown = doc.errors.length ? undefined : doc.toJS();
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      catalog = { ...(value as Record<string, unknown>), items: [] };
      if (typeof catalog.language === 'string') language = catalog.language;
    } else if (!doc.errors.length) {
      problems.push({ severity: 'error', path: '', file: headerFile, line: 1, message: 'the catalog header must be a YAML mapping (key: value lines)' });
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    problems.push({ severity: 'error', path: '', file: headerFile, message: `the content folder has no ${CATALOG_FILE} (the catalog header and taxonomy)` });
  }

  const itemsDir = path.join(dir, ITEMS_DIR);
  let names: string[] = [];
  try {
    names = (await readdir(itemsDir)).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    problems.push({ severity: 'error', path: '', file: itemsDir, message: `the content folder has no ${ITEMS_DIR}/ folder with one Markdown file per item` });
  }

  const items: unknown[] = [];
  for (const name of names) {
    const file = path.join(itemsDir, name);
    files.push(file);
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
    if (!match) {
      problems.push({ severity: 'error', path: '', file, line: 1, message: 'the file must start with YAML front matter between two "---" lines' });
      continue;
    }
    const lines = new LineCounter();
    const doc = parseDocument(match[1]!, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
    const bodyLine = match[0].split('\n').length;
    const source: SourceDoc = { file, doc, lines, firstLine: 2, bodyLine };
    const yamlErrors = yamlProblems(source);
    if (yamlErrors.length) {
      problems.push(...yamlErrors);
      continue;
    }
    const front: unknown = doc.toJS();
    if (!front || typeof front !== 'object' || Array.isArray(front)) {
      problems.push({ severity: 'error', path: '', file, line: 2, message: 'the front matter must be a YAML mapping (key: value lines)' });
      continue;
    }
    const item = { ...(front as Record<string, unknown>) };
    const expectedId = name.replace(/\.md$/, '');
    if (item.id === undefined) item.id = expectedId;
    else if (item.id !== expectedId) {
      problems.push({ severity: 'error', path: '', file, line: lineOf(source, ['id']), itemId: String(item.id), field: 'id', message: `the id "${String(item.id)}" must match the file name "${expectedId}.md"` });
    }
    const body = splitBodyLanguages(text.slice(match[0].length), language);
    if (body !== undefined) {
      if (item.body !== undefined) {
        problems.push({ severity: 'error', path: '', file, line: lineOf(source, ['body']), field: 'body', message: 'the body is the Markdown after the front matter; remove the "body" field' });
      }
      item.body = body;
    }
    sources.items.push(source);
    items.push(item);
  }
  if (catalog) catalog.items = items;

  const locate = (problem: CatalogProblem): CatalogProblem => {
    if (problem.file) return problem;
    const keys = parsePath(problem.path);
    if (keys[0] === 'items' && typeof keys[1] === 'number') {
      const source = sources.items[keys[1]];
      if (source) return { ...problem, file: source.file, line: lineOf(source, keys.slice(2)) };
    }
    if (sources.header) return { ...problem, file: sources.header.file, line: lineOf(sources.header, keys) };
    return problem;
  };
  return { catalog, problems, locate, files };
}
