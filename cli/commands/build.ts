/**
 * `kanswijzer build <content-dir> --out <dir> [--ics <url|file>…]`: validates the content and writes the
 * published feed: catalog.json, events.ics and catalog.schema.json. Validation runs first; an invalid
 * catalog is never published (nothing is written).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem, parseCatalog } from '../../shared/catalog/parse.ts';
import { catalogJsonSchema } from '../../shared/catalog/json-schema.ts';
import { catalogToICalendar } from '../../shared/ical/write.ts';
import type { Catalog } from '../../shared/catalog/types.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CommandIO } from '../io.ts';
import { readCatalogSource } from '../read-catalog.ts';

const HELP = `Usage: kanswijzer build <content-dir|catalog.json> --out <dir> [--ics <url|file>]…

Validates the content, then writes <dir>/catalog.json, <dir>/events.ics and <dir>/catalog.schema.json.
  --ics <url|file>   import an external iCalendar feed into the published catalog (repeatable), for
                     school calendars served without CORS headers; run the build on a schedule.`;

async function readIcs(source: string, cwd: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(20_000) });
    if (!response.ok) throw new Error(`${source}: the server answered ${response.status} ${response.statusText}`);
    return await response.text();
  }
  return await readFile(path.resolve(cwd, source), 'utf8');
}

export default async function build(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    out: { type: 'string', short: 'o' },
    ics: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('Give one content folder (or catalog.json) to build.');
  if (!values.out) throw new UsageError('Give the output folder with --out <dir>.');
  const source = path.resolve(io.cwd, positionals[0]!);
  const outDir = path.resolve(io.cwd, values.out);

  const result = await readCatalogSource(source, 'strict');
  for (const problem of result.problems) {
    const line = formatProblem(problem.file ? { ...problem, file: path.relative(io.cwd, problem.file) } : problem, result.kind === 'json' ? positionals[0] : undefined);
    (problem.severity === 'error' ? io.stderr : io.stdout)(line);
  }
  if (!result.valid || !result.catalog) {
    io.stderr(`Not built: ${positionals[0]} is not valid. Fix the problems above; nothing was written.`);
    return 1;
  }
  let catalog: Catalog = result.catalog;

  if (values.ics.length) {
    const { importCalendarsIntoCatalog } = await import('../../shared/ical/merge-into-catalog.ts');
    const calendars: Array<{ source: string; text: string }> = [];
    for (const ics of values.ics) {
      try {
        calendars.push({ source: ics, text: await readIcs(ics, io.cwd) });
      } catch (error) {
        io.stderr(`Not built: the calendar ${ics} could not be read (${error instanceof Error ? error.message : String(error)}).`);
        return 1;
      }
    }
    const imported = importCalendarsIntoCatalog(catalog, calendars);
    for (const problem of imported.problems) (problem.severity === 'error' ? io.stderr : io.stdout)(formatProblem(problem));
    // The imported catalog is checked like any other before it is published.
    const recheck = parseCatalog(imported.catalog, { mode: 'strict' });
    if (!recheck.valid || !recheck.catalog) {
      for (const problem of recheck.problems) if (problem.severity === 'error') io.stderr(formatProblem(problem));
      io.stderr('Not built: the imported calendars did not give a valid catalog; nothing was written.');
      return 1;
    }
    catalog = recheck.catalog;
  }

  await mkdir(outDir, { recursive: true });
  const events = catalog.items.filter((item) => item.type === 'event').length;
  await writeFile(path.join(outDir, 'catalog.json'), `${JSON.stringify(catalog)}\n`);
  await writeFile(path.join(outDir, 'events.ics'), catalogToICalendar(catalog));
  await writeFile(path.join(outDir, 'catalog.schema.json'), `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`);
  io.stdout(`Built ${catalog.items.length} items (${events} events) into ${path.relative(io.cwd, outDir) || '.'}: catalog.json, events.ics, catalog.schema.json`);
  return 0;
}
