/**
 * The saved-items export file (format `kanswijzer-saved`, version 1) and reading it back. An import file
 * comes from anywhere (another browser, a colleague, an attacker), so reading it never throws: every
 * entry is checked, what is usable is kept, and each problem gets a message naming the entry and field.
 */
import type { Item } from '../catalog/types.ts';
import { formatSize } from './text.ts';
import type { ExportedItem, ImportProblem, SavedExport, SavedFileInfo, SavedItem } from './types.ts';

export const EXPORT_FORMAT = 'kanswijzer-saved';
export const EXPORT_VERSION = 1;

const ITEM_TYPES = new Set(['practice', 'resource', 'event']);
const MAX_ID_LENGTH = 200;
const MAX_NOTE_LENGTH = 20_000;
const MAX_DEPTH = 64;
/** Fields of an item that the widgets turn into links. */
const LINK_FIELDS = ['url', 'registration', 'recording'] as const;

export interface ImportLimits {
  /** Largest import text, in characters. */
  maxChars: number;
  /** Most entries read from one file. */
  maxItems: number;
  /** Largest file restored with an entry, in bytes. */
  maxFileBytes: number;
  now: Date;
}

export const DEFAULT_MAX_IMPORT_CHARS = 200 * 1024 * 1024;
export const DEFAULT_MAX_IMPORT_ITEMS = 10_000;

/** One readable entry of an import file. */
export interface ImportEntry {
  record: SavedItem;
  file?: { blob: Blob; info: SavedFileInfo };
}

export interface ParsedImport {
  entries: ImportEntry[];
  problems: ImportProblem[];
  /** Entries that could not be used at all. */
  unreadable: number;
}

/** Base64 of bytes, in chunks so large files do not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Bytes of base64 text; `undefined` when it is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 4 === 1 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  try {
    const binary = atob(clean);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Builds the export document. `files` holds the bytes of stored files by key (absent: metadata only). */
export async function buildExport(items: SavedItem[], files: Map<string, Blob>, exportedAt: Date): Promise<SavedExport> {
  const exported: ExportedItem[] = [];
  for (const saved of items) {
    const { file, fileProblem: _fileProblem, ...rest } = saved;
    const entry: ExportedItem = { ...rest };
    if (file) {
      const blob = files.get(saved.key);
      entry.file = blob ? { ...file, data: toBase64(new Uint8Array(await blob.arrayBuffer())) } : { ...file };
    }
    exported.push(entry);
  }
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: exportedAt.toISOString(), items: exported };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function tooDeep(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  if (value === null || typeof value !== 'object') return false;
  for (const child of Object.values(value)) if (tooDeep(child, depth + 1)) return true;
  return false;
}

function isLocalizedText(value: unknown): boolean {
  if (typeof value === 'string') return value.trim().length > 0;
  if (!isRecord(value)) return false;
  const texts = Object.values(value);
  return texts.length > 0 && texts.every((text) => typeof text === 'string') && texts.some((text) => (text as string).trim().length > 0);
}

function isSafeLink(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isoDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 37)}…"` : JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : String(value);
}

/**
 * Checks an item from an import file and returns a copy the widgets can show safely: required fields
 * present, taxonomy lists as lists of words, and links only to http(s) or mailto addresses.
 */
function readItem(raw: unknown, report: (field: string, message: string) => void): Item | undefined {
  if (!isRecord(raw)) {
    report('item', `should be an object with the saved item, found ${describe(raw)}`);
    return undefined;
  }
  if (typeof raw.id !== 'string' || !raw.id.trim() || raw.id.length > MAX_ID_LENGTH) {
    report('item.id', `should be the item's id (text of at most ${MAX_ID_LENGTH} characters), found ${describe(raw.id)}`);
    return undefined;
  }
  if (typeof raw.type !== 'string' || !ITEM_TYPES.has(raw.type)) {
    report('item.type', `should be practice, resource or event, found ${describe(raw.type)}`);
    return undefined;
  }
  if (!isLocalizedText(raw.title)) {
    report('item.title', 'should be a title (text, or text per language)');
    return undefined;
  }
  if (raw.type === 'event' && typeof raw.start !== 'string') {
    report('item.start', 'an event needs its start date or time');
    return undefined;
  }
  const item: Record<string, unknown> = { ...raw };
  if (item.summary !== undefined && !isLocalizedText(item.summary)) {
    report('item.summary', 'is not text and was left out');
    delete item.summary;
  }
  for (const field of ['topics', 'audiences', 'sectors', 'periods'] as const) {
    const list = item[field];
    if (list === undefined) item[field] = [];
    else if (!Array.isArray(list) || !list.every((word) => typeof word === 'string')) {
      report(`item.${field}`, 'should be a list of ids and was emptied');
      item[field] = [];
    }
  }
  for (const field of LINK_FIELDS) {
    if (item[field] !== undefined && !isSafeLink(item[field])) {
      report(`item.${field}`, `is not an http(s) or mailto address and was left out (found ${describe(item[field])})`);
      delete item[field];
    }
  }
  if (isRecord(item.source) && item.source.url !== undefined && !isSafeLink(item.source.url)) {
    report('item.source.url', 'is not an http(s) or mailto address and was left out');
    const { url: _url, ...source } = item.source;
    item.source = source;
  }
  if (isRecord(item.location) && item.location.url !== undefined && !isSafeLink(item.location.url)) {
    report('item.location.url', 'is not an http(s) or mailto address and was left out');
    const { url: _url, ...location } = item.location;
    item.location = location;
  }
  if (item.media !== undefined) {
    if (!Array.isArray(item.media)) {
      report('item.media', 'should be a list and was left out');
      delete item.media;
    } else {
      const media = item.media.filter((entry) => isRecord(entry) && isSafeLink(entry.url));
      if (media.length !== item.media.length) report('item.media', 'entries without an http(s) address were left out');
      item.media = media;
    }
  }
  return item as Item;
}

function readFile(raw: unknown, limits: ImportLimits, report: (field: string, message: string) => void): ImportEntry['file'] {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) {
    report('file', 'should be an object; the file was left out');
    return undefined;
  }
  // An export made without files still lists what was stored; there is nothing to restore then.
  if (raw.data === undefined) return undefined;
  if (typeof raw.data !== 'string') {
    report('file.data', 'should be base64 text; the file was left out');
    return undefined;
  }
  if (raw.data.length > Math.ceil((limits.maxFileBytes * 4) / 3) + 8) {
    report('file.data', `the file is larger than the ${formatSize(limits.maxFileBytes)} that can be stored and was left out`);
    return undefined;
  }
  const bytes = fromBase64(raw.data);
  if (!bytes) {
    report('file.data', 'is not valid base64; the file was left out');
    return undefined;
  }
  if (bytes.length > limits.maxFileBytes) {
    report('file.data', `the file is larger than the ${formatSize(limits.maxFileBytes)} that can be stored and was left out`);
    return undefined;
  }
  if (!isHttpUrl(raw.url)) {
    report('file.url', 'should be the http(s) address the file came from; the file was left out');
    return undefined;
  }
  const type = typeof raw.type === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(raw.type) ? raw.type.toLowerCase() : '';
  const storedAt = isoDate(raw.storedAt) ?? limits.now;
  const blob = new Blob([bytes as BlobPart], { type });
  return { blob, info: { url: raw.url, type, size: bytes.length, storedAt: storedAt.toISOString() } };
}

function readEntry(raw: unknown, index: number, limits: ImportLimits, problems: ImportProblem[]): ImportEntry | undefined {
  const key = isRecord(raw) && typeof raw.key === 'string' ? raw.key.slice(0, 2 * MAX_ID_LENGTH + 1) : undefined;
  const report = (field: string, message: string) => problems.push({ index, ...(key ? { key } : {}), field, message: `items[${index}].${field} ${message}` });
  if (!isRecord(raw)) {
    problems.push({ index, message: `items[${index}] should be an object, found ${describe(raw)}; it was skipped` });
    return undefined;
  }
  if (tooDeep(raw)) {
    problems.push({ index, ...(key ? { key } : {}), message: `items[${index}] is nested too deeply to be a saved item; it was skipped` });
    return undefined;
  }
  const item = readItem(raw.item, report);
  if (!item) return undefined;

  const provenance = isRecord(item.provenance) ? item.provenance : undefined;
  let catalogId: string | undefined;
  if (typeof raw.catalogId === 'string' && raw.catalogId.trim() && raw.catalogId.length <= MAX_ID_LENGTH) catalogId = raw.catalogId;
  else if (key && key.endsWith(`:${item.id}`) && key.length > item.id.length + 1) catalogId = key.slice(0, -(item.id.length + 1));
  else if (provenance && typeof provenance.catalogId === 'string' && provenance.catalogId) catalogId = provenance.catalogId;
  if (!catalogId) {
    report('catalogId', 'is missing, so the item cannot be told apart from items of other catalogs; it was skipped');
    return undefined;
  }
  const savedKey = `${catalogId}:${item.id}`;
  if (key !== undefined && key !== savedKey) report('key', `does not match catalogId and item.id; "${savedKey}" was used`);

  const savedAt = isoDate(raw.savedAt);
  if (!savedAt) {
    report('savedAt', `should be the date and time it was saved (ISO 8601), found ${describe(raw.savedAt)}; the item was skipped`);
    return undefined;
  }
  let when = savedAt;
  // A date in the future would win every later merge; today is the latest a save can honestly be.
  if (savedAt.getTime() > limits.now.getTime() + 24 * 3600 * 1000) {
    report('savedAt', 'is in the future; the time of this import was used');
    when = limits.now;
  }

  const record: SavedItem = { key: savedKey, item, catalogId, savedAt: when.toISOString() };
  if (raw.feedUrl !== undefined) {
    if (isHttpUrl(raw.feedUrl)) record.feedUrl = raw.feedUrl;
    else report('feedUrl', 'is not an http(s) address and was left out');
  }
  if (raw.note !== undefined) {
    if (typeof raw.note !== 'string') report('note', 'is not text and was left out');
    else if (raw.note.length > MAX_NOTE_LENGTH) {
      report('note', `is longer than ${MAX_NOTE_LENGTH} characters and was shortened`);
      record.note = raw.note.slice(0, MAX_NOTE_LENGTH);
    } else if (raw.note.trim()) record.note = raw.note;
  }
  const file = readFile(raw.file, limits, report);
  return file ? { record, file } : { record };
}

/** Reads an export file. Never throws; a file that is not an export at all gives one clear problem. */
export function parseExport(text: unknown, limits: ImportLimits): ParsedImport {
  const fatal = (message: string): ParsedImport => ({ entries: [], problems: [{ message }], unreadable: 0 });
  if (typeof text !== 'string') return fatal('The import is not text. Choose the .json file that Kanswijzer exported.');
  if (text.length > limits.maxChars) {
    return fatal(`The file is too large to import (${formatSize(text.length)} of text; the limit is ${formatSize(limits.maxChars)}).`);
  }
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return fatal('The file is empty.');
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    return fatal(`This is not a Kanswijzer export: it is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!isRecord(value)) return fatal(`This is not a Kanswijzer export: expected an object with "format": "${EXPORT_FORMAT}", found ${describe(value)}.`);
  if (value.format !== EXPORT_FORMAT) {
    if (value.format === 'kanswijzer-catalog') return fatal('This is a Kanswijzer catalog (a feed), not an export of saved items. Add it as a feed instead.');
    return fatal(`This is not a Kanswijzer export of saved items ("format" is ${describe(value.format)}, expected "${EXPORT_FORMAT}").`);
  }
  if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 1) {
    return fatal(`The export's "version" should be ${EXPORT_VERSION}, found ${describe(value.version)}.`);
  }
  if (value.version > EXPORT_VERSION) {
    return fatal(`This export was made by a newer version of Kanswijzer (format version ${value.version}). Update Kanswijzer to import it.`);
  }
  if (!Array.isArray(value.items)) return fatal(`The export's "items" should be a list, found ${describe(value.items)}.`);

  const problems: ImportProblem[] = [];
  let rawItems: unknown[] = value.items;
  let unreadable = 0;
  if (rawItems.length > limits.maxItems) {
    problems.push({ message: `The file lists ${rawItems.length} items; only the first ${limits.maxItems} were read.` });
    unreadable += rawItems.length - limits.maxItems;
    rawItems = rawItems.slice(0, limits.maxItems);
  }
  const byKey = new Map<string, ImportEntry>();
  rawItems.forEach((raw, index) => {
    const entry = readEntry(raw, index, limits, problems);
    if (!entry) {
      unreadable++;
      return;
    }
    const earlier = byKey.get(entry.record.key);
    if (earlier) {
      unreadable++;
      problems.push({ index, key: entry.record.key, message: `items[${index}] is a second copy of "${entry.record.key}"; the newer copy was kept` });
      if (entry.record.savedAt <= earlier.record.savedAt) return;
    }
    byKey.set(entry.record.key, entry);
  });
  return { entries: [...byKey.values()], problems, unreadable };
}

/** Joins two notes without losing either; the first is the newer one's. */
export function mergeNotes(newer: string | undefined, older: string | undefined): string | undefined {
  if (!newer) return older || undefined;
  if (!older || newer === older || newer.includes(older)) return newer;
  if (older.includes(newer)) return older;
  return `${newer}\n\n${older}`;
}
