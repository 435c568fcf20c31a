/**
 * `kanswijzer validate <file|dir>…`: checks JSON catalogs and Markdown content folders. Exit 0 when all are
 * valid, 1 when not, with one line per problem (`file:line` for Markdown content, else item id and field).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem } from '../../shared/catalog/parse.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CommandIO } from '../io.ts';
import { isContentFolder, readCatalogSource } from '../read-catalog.ts';

const HELP = `Usage: kanswijzer validate <file.json|content-dir|dir>… [--json] [--quiet]

Checks each JSON catalog and each Markdown content folder (a folder with catalog.yml and items/*.md).
A folder without catalog.yml is searched for *.json catalogs.
  --json   print the problems as JSON
  --quiet  print only problems, no summary lines`;

async function expand(target: string): Promise<string[]> {
  const info = await stat(target);
  if (!info.isDirectory() || (await isContentFolder(target))) return [target];
  const found: string[] = [];
  for (const entry of await readdir(target, { withFileTypes: true })) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        if (await isContentFolder(full)) found.push(full);
        else found.push(...(await expand(full)).filter((f) => f !== full));
      }
    } else if (entry.name.endsWith('.json')) found.push(full);
  }
  return found;
}

export default async function validate(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('Give at least one catalog file or content folder to validate.');

  let allValid = true;
  const report: Array<{ source: string; valid: boolean; items: number; problems: unknown[] }> = [];
  for (const target of positionals) {
    const resolved = path.resolve(io.cwd, target);
    let sources: string[];
    try {
      sources = await expand(resolved);
    } catch {
      io.stderr(`${target}: there is no such file or folder`);
      allValid = false;
      continue;
    }
    if (sources.length === 0) {
      io.stderr(`${target}: no catalogs found (no catalog.yml and no *.json files)`);
      allValid = false;
      continue;
    }
    for (const source of sources) {
      const display = path.relative(io.cwd, source) || source;
      const result = await readCatalogSource(source, 'strict');
      allValid &&= result.valid;
      const relative = result.problems.map((p) => (p.file ? { ...p, file: path.relative(io.cwd, p.file) || p.file } : p));
      if (values.json) {
        report.push({ source: display, valid: result.valid, items: result.catalog?.items.length ?? 0, problems: relative });
        continue;
      }
      for (const problem of relative) {
        const line = formatProblem(problem, result.kind === 'json' ? display : undefined);
        if (problem.severity === 'error') io.stderr(line);
        else if (!values.quiet) io.stdout(line);
      }
      if (!values.quiet) {
        const errors = result.problems.filter((p) => p.severity === 'error').length;
        io.stdout(result.valid ? `${display}: valid (${result.catalog?.items.length ?? 0} items)` : `${display}: ${errors} problem${errors === 1 ? '' : 's'}, not valid`);
      }
    }
  }
  if (values.json) io.stdout(JSON.stringify({ valid: allValid, catalogs: report }, null, 2));
  return allValid ? 0 : 1;
}
