/** Reads a catalog from a JSON file or a content folder, with problems located in the source files. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseCatalog } from '../shared/catalog/parse.ts';
import type { Catalog, CatalogProblem } from '../shared/catalog/types.ts';
import { CATALOG_FILE, loadContent } from './content/load-content.ts';

export interface ReadCatalogResult {
  source: string;
  kind: 'json' | 'content';
  catalog: Catalog | undefined;
  problems: CatalogProblem[];
  valid: boolean;
}

export async function isContentFolder(dir: string): Promise<boolean> {
  try {
    return (await stat(path.join(dir, CATALOG_FILE))).isFile();
  } catch {
    return false;
  }
}

/** Strict by default: an invalid catalog comes back without `catalog`. */
export async function readCatalogSource(source: string, mode: 'strict' | 'lenient' = 'strict'): Promise<ReadCatalogResult> {
  if (await isContentFolder(source)) {
    const content = await loadContent(source);
    const parsed = content.catalog ? parseCatalog(content.catalog, { mode }) : { catalog: undefined, problems: [], valid: false };
    const problems = [...content.problems, ...parsed.problems.map(content.locate)];
    const valid = !problems.some((p) => p.severity === 'error');
    return { source, kind: 'content', catalog: valid || mode === 'lenient' ? parsed.catalog : undefined, problems, valid };
  }
  const bytes = await readFile(source);
  const parsed = parseCatalog(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { mode });
  return { source, kind: 'json', ...parsed };
}
