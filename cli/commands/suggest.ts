/**
 * `kanswijzer suggest --html <file> --url <url>`: which items a saved LMS page would bring up in the extension,
 * and why. It reads the page with jsdom and runs the same `extractContext` and suggester as the extension, so
 * content editors can test their topic terms on real pages.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import type { Catalog } from '../../shared/catalog/types.ts';
import { extractContext } from '../../shared/context/index.ts';
import type { PageContext } from '../../shared/context/types.ts';
import { createSuggester, type Suggester } from '../../shared/match/suggester.ts';
import type { Explanation, Profile, Suggestion } from '../../shared/match/types.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CommandIO } from '../io.ts';
import { readCatalogSource } from '../read-catalog.ts';

const HELP = `Usage: kanswijzer suggest --html <file> --url <url> [options]

Shows which catalog items a saved page would bring up in the Kanswijzer extension, and why.
Save the page from the browser (Save page as… > Web page, HTML only) and give the address it had.
  --html <file>        the saved page
  --url <url>          the address of the page (the LMS is recognised from it and from the page)
  --catalog <source>   a catalog.json or a content folder (default: the repository's content/ folder)
  --role <id>          audience id of the reader, e.g. docent, stagebegeleider, decaan
  --sector <id>        sector id: vmbo, mbo, ho, buitenschools
  --date <YYYY-MM-DD>  the day the page is viewed (periods of the school year); default today
  --lang <nl|en>       language of titles and reasons; default the page's language
  --limit <n>          most suggestions (default 5)
  --explain            also show the topic terms found on the page and their weights
  --json               print {"context": …, "suggestions": […]} as JSON`;

/** The default catalog: the repository's `content/` folder, else the built feed in `dist/feed/`. */
export async function defaultCatalogSource(): Promise<string> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const content = path.join(root, 'content');
  try {
    if ((await stat(path.join(content, 'catalog.yml'))).isFile()) return content;
  } catch {
    // no content folder (an installed package): use the built feed
  }
  return path.join(root, 'dist', 'feed', 'catalog.json');
}

export interface LoadedCatalog {
  catalog: Catalog;
  /** Problems in items that were left out (the catalog is read leniently, as the extension reads feeds). */
  problems: number;
}

/** Reads a catalog from a JSON file or a content folder the way the extension reads a feed: bad items are left out. */
export async function loadCatalogForSuggest(source: string): Promise<LoadedCatalog> {
  let result;
  try {
    result = await readCatalogSource(source, 'lenient');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    throw new Error(code === 'ENOENT' ? `${source}: there is no such catalog file or content folder` : `${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!result.catalog) {
    const first = result.problems.find((problem) => problem.severity === 'error');
    throw new Error(`${source}: not a usable catalog${first ? ` (${first.message})` : ''}; run "kanswijzer validate ${source}"`);
  }
  return { catalog: result.catalog, problems: result.problems.filter((problem) => problem.severity === 'error').length };
}

/** The page context as printed: everything but the (long) text, plus its length. */
export type PrintedContext = Omit<PageContext, 'text'> & { textLength: number };

export interface PageSuggestions {
  context: PrintedContext;
  suggestions: Suggestion[];
  explanation: Explanation;
}

/**
 * Reads saved HTML as the extension reads a live page and asks the suggester: the one code path behind
 * `kanswijzer suggest` and `npm run eval`.
 */
export function suggestForHtml(suggester: Suggester, html: string, url: string, profile: Profile, date: Date): PageSuggestions {
  let address = 'about:blank';
  try {
    address = new URL(url).href;
  } catch {
    // extractContext reports an unreadable address as an empty url; jsdom needs a valid one
  }
  const dom = new JSDOM(html, { url: address });
  try {
    const context = extractContext(dom.window.document, url);
    const explanation = suggester.explain(context, profile, date);
    const { text, ...rest } = context;
    return { context: { ...rest, textLength: text.length }, suggestions: explanation.suggestions, explanation };
  } finally {
    dom.window.close();
  }
}

/** `2024-10-08` → that day at local midnight; undefined when it is not a real date. */
export function parseDay(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : undefined;
}

function checkId(kind: string, value: string | undefined, known: ReadonlyArray<{ id: string }>): void {
  if (value === undefined || known.some((entry) => entry.id === value)) return;
  throw new UsageError(`Unknown ${kind} "${value}". The catalog knows: ${known.map((entry) => entry.id).join(', ')}.`);
}

function formatTable(result: PageSuggestions, explain: boolean): string {
  const { context, suggestions, explanation } = result;
  const lines: string[] = [];
  const where = [context.lms, context.pageKind, context.language].filter(Boolean).join(' · ');
  lines.push(`Page: ${context.title ? `"${context.title}"` : '(no title)'}${context.course ? ` in ${context.course}` : ''} (${where})`);
  if (suggestions.length === 0) {
    lines.push(`No suggestions: ${explanation.silence ?? 'nothing fits'}. The badge stays empty on this page.`);
  } else {
    lines.push('', ' #  score  type      item');
    suggestions.forEach((suggestion, index) => {
      lines.push(`${String(index + 1).padStart(2)}  ${suggestion.score.toFixed(2)}   ${suggestion.type.padEnd(8)}  ${suggestion.title}`);
      lines.push(`                      ${suggestion.id} · topics: ${suggestion.topics.join(', ')}`);
      for (const reason of suggestion.reasons) lines.push(`                      - ${reason}`);
    });
  }
  if (explain) {
    lines.push('', `Topics found (read as ${explanation.languages.join(' and ') || 'nothing'}; confidence, then the terms with their weight):`);
    if (explanation.topics.length === 0) lines.push('  none of the topic terms occur on the page');
    for (const topic of explanation.topics) {
      const terms = topic.terms.map((term) => `${term.surface}${term.surface !== term.term ? ` (${term.term})` : ''} ×${term.count} in ${term.field} ${term.weight.toFixed(2)}`);
      lines.push(`  ${topic.confidence.toFixed(2)}  ${topic.topic}: ${terms.join('; ')}`);
    }
  }
  return lines.join('\n');
}

export default async function suggest(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    html: { type: 'string' },
    url: { type: 'string' },
    catalog: { type: 'string' },
    role: { type: 'string' },
    sector: { type: 'string' },
    date: { type: 'string' },
    lang: { type: 'string' },
    limit: { type: 'string' },
    explain: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}". Give the page with --html <file>.`);
  if (!values.html) throw new UsageError('Give the saved page with --html <file>.');
  if (!values.url) throw new UsageError('Give the address of the page with --url <url>.');
  try {
    new URL(values.url);
  } catch {
    throw new UsageError(`--url "${values.url}" is not a full address (such as https://elo.school.nl/mod/page/view.php?id=12).`);
  }
  const date = values.date === undefined ? new Date() : parseDay(values.date);
  if (!date) throw new UsageError(`--date "${values.date}" is not a date written as YYYY-MM-DD.`);
  if (values.lang !== undefined && values.lang !== 'nl' && values.lang !== 'en') throw new UsageError(`--lang must be nl or en, not "${values.lang}".`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit must be a whole number of 1 or more, not "${values.limit}".`);

  const htmlPath = path.resolve(io.cwd, values.html);
  let html: string;
  try {
    html = await readFile(htmlPath, 'utf8');
  } catch {
    io.stderr(`${values.html}: there is no such file`);
    return 1;
  }
  const source = values.catalog ? path.resolve(io.cwd, values.catalog) : await defaultCatalogSource();
  let loaded: LoadedCatalog;
  try {
    loaded = await loadCatalogForSuggest(source);
  } catch (error) {
    io.stderr(error instanceof Error ? error.message : String(error));
    return 1;
  }
  checkId('role', values.role, loaded.catalog.audiences);
  checkId('sector', values.sector, loaded.catalog.sectors);
  if (loaded.problems > 0 && !values.json) {
    io.stderr(`Note: ${loaded.problems} problem${loaded.problems === 1 ? '' : 's'} in the catalog; those items are left out (run "kanswijzer validate").`);
  }

  const suggester = createSuggester(loaded.catalog, { limit });
  const profile: Profile = {};
  if (values.role) profile.role = values.role;
  if (values.sector) profile.sector = values.sector;
  if (values.lang === 'nl' || values.lang === 'en') profile.language = values.lang;
  const result = suggestForHtml(suggester, html, values.url, profile, date);
  if (values.json) {
    const output: Record<string, unknown> = { context: result.context, suggestions: result.suggestions };
    if (values.explain) output.topics = result.explanation.topics;
    io.stdout(JSON.stringify(output, null, 2));
  } else {
    io.stdout(formatTable(result, values.explain));
  }
  return 0;
}
