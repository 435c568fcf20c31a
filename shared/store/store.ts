/**
 * The offline store: saved items (with their files), action plans, "not relevant here" feedback and the
 * feed cache, in one IndexedDB database, or in memory where the browser has none. Every change is
 * announced as a `change` event here and, through a BroadcastChannel, in every other tab and extension
 * page, so all saved lists stay the same.
 */
import { localize } from '../catalog/localize.ts';
import type { Catalog, CatalogEvent, Item } from '../catalog/types.ts';
import type { CachedFeed, FeedCache } from '../feed/cache-types.ts';
import { catalogToICalendar } from '../ical/write.ts';
import { IdbBackend, MemoryBackend, memoryDatabase } from './backend.ts';
import type { Backend } from './backend.ts';
import { StoreError, STORE_ERROR_MESSAGES, toStoreError } from './errors.ts';
import { DEFAULT_FILE_TIMEOUT_MS, DEFAULT_MAX_FILE_BYTES, downloadFile, fileTargetFor } from './file-fetch.ts';
import type { FileTarget } from './file-fetch.ts';
import { DEFAULT_DB_NAME } from './schema.ts';
import type { StoredFile } from './schema.ts';
import { matchesQuery } from './text.ts';
import { buildExport, DEFAULT_MAX_IMPORT_CHARS, DEFAULT_MAX_IMPORT_ITEMS, mergeNotes, parseExport } from './transfer.ts';
import type { ImportEntry } from './transfer.ts';
import type {
  ActionPlan,
  ActionPlanInput,
  ExportOptions,
  Feedback,
  FileProblem,
  ImportResult,
  PlanEntry,
  PlanStep,
  SavedItem,
  SaveOptions,
  StoreChange,
  StoreChangeType,
  StoreNotice,
  StoreOptions,
} from './types.ts';

export const DEFAULT_CHANNEL_NAME = 'kanswijzer-store';
const DEFAULT_OPEN_TIMEOUT_MS = 10_000;
const MESSAGE_SOURCE = 'kanswijzer-store';
const CHANGE_TYPES = new Set<StoreChangeType>(['saved', 'removed', 'note', 'imported', 'plan-saved', 'plan-deleted', 'feedback-added', 'feedback-removed', 'feed-cached']);
const MAX_TEXT_FIELD = 20_000;

/** What travels on the BroadcastChannel. */
interface ChangeMessage {
  source: typeof MESSAGE_SOURCE;
  db: string;
  type: StoreChangeType;
  key?: string;
}

function isChangeMessage(value: unknown): value is ChangeMessage {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  return (
    m.source === MESSAGE_SOURCE &&
    typeof m.db === 'string' &&
    typeof m.type === 'string' &&
    CHANGE_TYPES.has(m.type as StoreChangeType) &&
    (m.key === undefined || (typeof m.key === 'string' && m.key.length <= 4096))
  );
}

/** Stores in this page by database, so changes reach the others when there is no BroadcastChannel. */
const pagePeers = new Map<string, Set<KanswijzerStore>>();

/** The key under which an item is saved: `${catalogId}:${itemId}`, using the item's own id inside its catalog. */
export function savedKey(item: Pick<Item, 'id' | 'provenance'>, catalogId?: string): string {
  const provenance = item.provenance;
  const catalog = catalogId ?? provenance?.catalogId;
  if (!catalog) throw new StoreError('invalid', { detail: 'the item has no catalog id; pass catalogId' });
  const id = provenance && provenance.catalogId === catalog && provenance.originalId ? provenance.originalId : item.id;
  if (typeof id !== 'string' || !id) throw new StoreError('invalid', { detail: 'the item has no id' });
  return `${catalog}:${id}`;
}

function randomId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A plain JSON copy: what is stored and exported never holds functions, DOM nodes or class instances. */
function plainCopy<T>(value: T, what: string): T {
  try {
    return JSON.parse(JSON.stringify(value)) as T;
  } catch (error) {
    throw new StoreError('invalid', { cause: error, detail: `${what} cannot be stored` });
  }
}

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new StoreError('invalid', { detail: `${field} should be text` });
  return value.slice(0, MAX_TEXT_FIELD);
}

function checkPlanStep(raw: unknown, where: string): PlanStep {
  if (!raw || typeof raw !== 'object') throw new StoreError('invalid', { detail: `${where} should be an object` });
  const step = raw as Record<string, unknown>;
  if (typeof step.index !== 'number' || !Number.isInteger(step.index) || step.index < 0) {
    throw new StoreError('invalid', { detail: `${where}.index should be a step number (0 or more)` });
  }
  const due = optionalText(step.due, `${where}.due`);
  if (due !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(due)) throw new StoreError('invalid', { detail: `${where}.due should be a date (YYYY-MM-DD)` });
  const owner = optionalText(step.owner, `${where}.owner`);
  const note = optionalText(step.note, `${where}.note`);
  return { index: step.index, done: step.done === true, ...(owner ? { owner } : {}), ...(due ? { due } : {}), ...(note ? { note } : {}) };
}

function checkPlanEntry(raw: unknown, where: string): PlanEntry {
  if (!raw || typeof raw !== 'object') throw new StoreError('invalid', { detail: `${where} should be an object` });
  const entry = raw as Record<string, unknown>;
  if (typeof entry.itemKey !== 'string' || !entry.itemKey) throw new StoreError('invalid', { detail: `${where}.itemKey is missing` });
  if (!Array.isArray(entry.steps)) throw new StoreError('invalid', { detail: `${where}.steps should be a list` });
  const steps = entry.steps.map((step, i) => checkPlanStep(step, `${where}.steps[${i}]`));
  const item = entry.item === undefined ? undefined : plainCopy(entry.item as Item, `${where}.item`);
  return { itemKey: entry.itemKey, ...(item ? { item } : {}), steps };
}

function eventForCalendar(saved: SavedItem, lang: string): CatalogEvent {
  const event = saved.item as CatalogEvent;
  const prefix = `${saved.catalogId}:`;
  const originalId = saved.key.startsWith(prefix) ? saved.key.slice(prefix.length) : event.id;
  const copy: CatalogEvent = { ...event, provenance: { catalogId: saved.catalogId, originalId, ...(saved.feedUrl ? { feedUrl: saved.feedUrl } : {}) } };
  if (saved.note) {
    const label = lang.toLowerCase().startsWith('nl') ? 'Mijn notitie' : 'My note';
    const summary = localize(event.summary, lang, 'nl');
    copy.summary = summary ? `${summary}\n\n${label}: ${saved.note}` : `${label}: ${saved.note}`;
  }
  return copy;
}

/**
 * The store. Get one with `openStore()` (or the page-wide `defaultStore()`). Listen for `change` events
 * (or use `onChange`) to refresh lists when this or another tab changes something.
 */
export class KanswijzerStore extends EventTarget {
  /** False when working from memory: nothing survives closing the page. */
  readonly persistent: boolean;
  readonly mode: 'indexeddb' | 'memory';
  /** Set when working from memory: what to tell the user. */
  readonly warning: StoreNotice | undefined;
  /** The database name. */
  readonly name: string;
  /** The feed loader's cache of last good feed copies, kept in this store. Never rejects. */
  readonly feedCache: FeedCache;

  private readonly backend: Backend;
  private readonly channel: BroadcastChannel | undefined;
  private readonly peerGroup: string;
  private readonly fetchFn: typeof fetch | undefined;
  private readonly maxFileBytes: number;
  private readonly fileTimeoutMs: number;
  private readonly now: () => Date;
  private closed = false;

  constructor(backend: Backend, options: StoreOptions = {}, warning?: StoreNotice) {
    super();
    this.backend = backend;
    this.persistent = backend.persistent;
    this.mode = backend.persistent ? 'indexeddb' : 'memory';
    this.warning = warning;
    this.name = options.name ?? DEFAULT_DB_NAME;
    this.fetchFn = options.fetch ?? (typeof fetch === 'function' ? fetch.bind(globalThis) : undefined);
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.fileTimeoutMs = options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
    this.peerGroup = `${this.mode}:${this.name}`;
    this.channel = backend.persistent ? this.openChannel(options) : undefined;
    let peers = pagePeers.get(this.peerGroup);
    if (!peers) pagePeers.set(this.peerGroup, (peers = new Set()));
    peers.add(this);
    this.feedCache = {
      get: (url) => this.getCachedFeed(url).catch((error: unknown) => this.report(error, undefined)),
      put: (entry) => this.putCachedFeed(entry).catch((error: unknown) => this.report(error, undefined)),
    };
  }

  private openChannel(options: StoreOptions): BroadcastChannel | undefined {
    if (options.channelName === false) return undefined;
    const Channel = options.BroadcastChannel === undefined ? (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel : options.BroadcastChannel;
    if (typeof Channel !== 'function') return undefined;
    try {
      const channel = new Channel(options.channelName ?? DEFAULT_CHANNEL_NAME);
      channel.onmessage = (event: MessageEvent) => {
        const message: unknown = event.data;
        if (isChangeMessage(message) && message.db === this.name) this.emit({ type: message.type, ...(message.key !== undefined ? { key: message.key } : {}), local: false });
      };
      // Node keeps a process alive while a channel is open; a store must never do that.
      (channel as { unref?: () => void }).unref?.();
      return channel;
    } catch {
      return undefined;
    }
  }

  private report<T>(error: unknown, fallback: T): T {
    this.dispatchEvent(new CustomEvent('error', { detail: toStoreError(error) }));
    return fallback;
  }

  private emit(change: StoreChange): void {
    if (this.closed) return;
    this.dispatchEvent(new CustomEvent<StoreChange>('change', { detail: change }));
  }

  /** Tells this store, the other stores in this page and (through the channel) every other page. */
  private notify(type: StoreChangeType, key?: string): void {
    const detail = key !== undefined ? { type, key } : { type };
    this.emit({ ...detail, local: true });
    if (this.channel) {
      try {
        this.channel.postMessage({ source: MESSAGE_SOURCE, db: this.name, ...detail } satisfies ChangeMessage);
      } catch {
        // A closed channel must not turn a successful save into an error.
      }
      return;
    }
    for (const peer of pagePeers.get(this.peerGroup) ?? []) if (peer !== this) peer.emit({ ...detail, local: false });
  }

  /** Calls `listener` for every change (here or in another tab); returns a function that stops it. */
  onChange(listener: (change: StoreChange) => void): () => void {
    const handler = (event: Event) => listener((event as CustomEvent<StoreChange>).detail);
    this.addEventListener('change', handler);
    return () => this.removeEventListener('change', handler);
  }

  // ── Saved items ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Saves an item as it is now. For a resource with a file (media, or a link to a PDF and the like) the
   * file is downloaded and stored too, when the server allows it and it fits the size cap; if that fails
   * the item is still saved and `fileProblem` says why. Saving an item again refreshes it and keeps the note.
   * Rejects with a StoreError only when the item itself cannot be stored.
   */
  async save(item: Item, options: SaveOptions = {}): Promise<SavedItem> {
    if (!item || typeof item !== 'object') throw new StoreError('invalid', { detail: 'no item given' });
    const catalogId = options.catalogId ?? item.provenance?.catalogId;
    const key = savedKey(item, catalogId);
    const snapshot = plainCopy(item, 'the item');
    const feedUrl = options.feedUrl ?? item.provenance?.feedUrl;
    const note = options.note === undefined ? undefined : optionalText(options.note, 'note') ?? '';

    let target: FileTarget | undefined;
    let file: StoredFile | undefined;
    let fileProblem: FileProblem | undefined;
    if (options.fetchFile !== false) target = fileTargetFor(snapshot, feedUrl);
    if (target) {
      if (!this.fetchFn) {
        fileProblem = { url: target.url, reason: 'network', message: 'This environment cannot download files.', at: this.now().toISOString() };
      } else {
        const result = await downloadFile(target, {
          fetch: this.fetchFn,
          maxBytes: this.maxFileBytes,
          timeoutMs: this.fileTimeoutMs,
          now: this.now,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        if (result.ok) file = { key, blob: result.blob, url: target.url, type: result.type, size: result.size, storedAt: this.now().toISOString() };
        else fileProblem = result.problem;
      }
    }

    const write = (withFile: StoredFile | undefined, problem: FileProblem | undefined) =>
      this.backend.run(['saved', 'files'], 'readwrite', async (tx) => {
        const existing = await tx.get('saved', key);
        const record: SavedItem = { key, item: snapshot, catalogId: catalogId as string, savedAt: this.now().toISOString() };
        if (feedUrl) record.feedUrl = feedUrl;
        const keptNote = note === undefined ? existing?.note : note;
        if (keptNote) record.note = keptNote;
        if (withFile) {
          await tx.put('files', withFile);
          record.file = { url: withFile.url, type: withFile.type, size: withFile.size, storedAt: withFile.storedAt };
        } else if (existing?.file && target && existing.file.url === target.url) {
          // The new download failed, but the copy stored earlier is still the right file: keep it.
          record.file = existing.file;
        } else if (existing?.file) {
          await tx.delete('files', key);
        }
        if (problem && !record.file) record.fileProblem = problem;
        await tx.put('saved', record);
        return record;
      });

    let saved: SavedItem;
    try {
      saved = await write(file, fileProblem);
    } catch (error) {
      const mapped = toStoreError(error);
      if (mapped.reason !== 'quota-exceeded' || !file) throw mapped;
      // No room for the file: save the item without it rather than not at all.
      saved = await write(undefined, {
        url: file.url,
        reason: 'storage-full',
        message: 'The file was downloaded but there was no room left to store it on this device.',
        at: this.now().toISOString(),
      });
    }
    this.notify('saved', key);
    return saved;
  }

  /** Removes a saved item and its file. Resolves to false when it was not saved. */
  async remove(key: string): Promise<boolean> {
    const existed = await this.backend.run(['saved', 'files'], 'readwrite', async (tx) => {
      const existing = await tx.get('saved', key);
      await tx.delete('saved', key);
      await tx.delete('files', key);
      return existing !== undefined;
    });
    if (existed) this.notify('removed', key);
    return existed;
  }

  /** The saved item with this key, if saved. */
  get(key: string): Promise<SavedItem | undefined> {
    return this.backend.run(['saved'], 'readonly', (tx) => tx.get('saved', key));
  }

  /** Every saved item, newest first. */
  list(): Promise<SavedItem[]> {
    return this.backend.run(['saved'], 'readonly', (tx) => tx.getAll('saved', { index: 'savedAt', direction: 'prev' }));
  }

  /**
   * Saved items whose title, summary or note (in any language) contain every word of `query`, ignoring
   * case and accents; newest first. An empty query lists everything.
   */
  async search(query: string): Promise<SavedItem[]> {
    const all = await this.list();
    return all.filter((saved) => matchesQuery(saved, typeof query === 'string' ? query : ''));
  }

  /** Sets (or with an empty text, removes) the note of a saved item. Resolves to undefined when it is not saved. */
  async setNote(key: string, note: string | undefined): Promise<SavedItem | undefined> {
    const text = optionalText(note, 'note');
    const updated = await this.backend.run(['saved'], 'readwrite', async (tx) => {
      const existing = await tx.get('saved', key);
      if (!existing) return undefined;
      const { note: _old, ...rest } = existing;
      const record: SavedItem = text ? { ...rest, note: text } : rest;
      await tx.put('saved', record);
      return record;
    });
    if (updated) this.notify('note', key);
    return updated;
  }

  /** The stored file of a saved resource, to open offline (for example with `URL.createObjectURL`). */
  async getFile(key: string): Promise<Blob | undefined> {
    const stored = await this.backend.run(['files'], 'readonly', (tx) => tx.get('files', key));
    return stored?.blob;
  }

  /** Every saved item as a JSON document (format `kanswijzer-saved`, version 1), files included as base64 unless turned off. */
  async exportJson(options: ExportOptions = {}): Promise<string> {
    const includeFiles = options.includeFiles !== false;
    const { items, files } = await this.backend.run(['saved', 'files'], 'readonly', async (tx) => {
      const items = await tx.getAll('saved', { index: 'savedAt', direction: 'prev' });
      const files = new Map<string, Blob>();
      if (includeFiles) for (const stored of await tx.getAll('files')) files.set(stored.key, stored.blob);
      return { items, files };
    });
    return JSON.stringify(await buildExport(items, files, this.now()), null, 2);
  }

  /**
   * The saved events as an iCalendar file, for a calendar app. Times keep their time zone and recurrence;
   * a personal note is added to the description. `lang` picks the language of titles (default Dutch).
   */
  async exportEventsIcs(options: { lang?: string } = {}): Promise<string> {
    const lang = options.lang ?? 'nl';
    const events = (await this.list()).filter((saved) => saved.item.type === 'event').map((saved) => eventForCalendar(saved, lang));
    const calendar: Catalog = {
      format: 'kanswijzer-catalog',
      version: 1,
      id: 'kanswijzer-saved',
      title: { nl: 'Bewaard in Kanswijzer', en: 'Saved in Kanswijzer' },
      language: lang,
      topics: [],
      audiences: [],
      sectors: [],
      periods: [],
      items: events,
    };
    return catalogToICalendar(calendar, { lang, now: this.now(), prodId: '-//Kanswijzer//Saved items//EN' });
  }

  /**
   * Reads an export file back. Items already saved are merged, not duplicated: the newer copy wins and
   * notes from both are kept. Never rejects: bad input and storage failures end up in the result.
   */
  async importJson(text: string, options: { maxChars?: number; maxItems?: number } = {}): Promise<ImportResult> {
    let parsed;
    try {
      parsed = parseExport(text, {
        maxChars: options.maxChars ?? DEFAULT_MAX_IMPORT_CHARS,
        maxItems: options.maxItems ?? DEFAULT_MAX_IMPORT_ITEMS,
        maxFileBytes: this.maxFileBytes,
        now: this.now(),
      });
    } catch (error) {
      // parseExport is written not to throw; this keeps the promise of "never rejects" if it ever does.
      return { added: 0, updated: 0, skipped: 0, problems: [{ message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
    }
    const { entries, problems } = parsed;
    if (entries.length === 0) return { added: 0, updated: 0, skipped: parsed.unreadable, problems };
    try {
      const counts = await this.backend.run(['saved', 'files'], 'readwrite', async (tx) => {
        let added = 0;
        let updated = 0;
        let unchanged = 0;
        for (const entry of entries) {
          const existing = await tx.get('saved', entry.record.key);
          const outcome = mergeImported(existing, entry);
          if (outcome.file) await tx.put('files', { key: entry.record.key, blob: outcome.file.blob, ...outcome.file.info });
          if (outcome.record) await tx.put('saved', outcome.record);
          if (!existing) added++;
          else if (outcome.record) updated++;
          else unchanged++;
        }
        return { added, updated, unchanged };
      });
      if (counts.added + counts.updated > 0) this.notify('imported');
      return { added: counts.added, updated: counts.updated, skipped: counts.unchanged + parsed.unreadable, problems };
    } catch (error) {
      const storeError = toStoreError(error);
      return { added: 0, updated: 0, skipped: entries.length + parsed.unreadable, problems: [...problems, { message: storeError.message }], error: storeError };
    }
  }

  // ── Action plans ─────────────────────────────────────────────────────────────────────────────────

  /** Every action plan, most recently changed first. */
  listPlans(): Promise<ActionPlan[]> {
    return this.backend.run(['plans'], 'readonly', (tx) => tx.getAll('plans', { index: 'updatedAt', direction: 'prev' }));
  }

  getPlan(id: string): Promise<ActionPlan | undefined> {
    return this.backend.run(['plans'], 'readonly', (tx) => tx.get('plans', id));
  }

  /**
   * Creates or replaces a plan. A plan without `id` gets one; `createdAt` is kept from the stored plan and
   * `updatedAt` is set now. Rejects with reason `invalid` when the plan is malformed.
   */
  async putPlan(input: ActionPlanInput): Promise<ActionPlan> {
    if (!input || typeof input !== 'object') throw new StoreError('invalid', { detail: 'no plan given' });
    if (input.id !== undefined && (typeof input.id !== 'string' || !input.id)) throw new StoreError('invalid', { detail: 'plan id should be text' });
    if (!Array.isArray(input.entries)) throw new StoreError('invalid', { detail: 'plan entries should be a list' });
    const entries = input.entries.map((entry, i) => checkPlanEntry(entry, `entries[${i}]`));
    const title = typeof input.title === 'string' ? input.title.slice(0, 500) : '';
    const id = input.id ?? randomId();
    const now = this.now().toISOString();
    const plan = await this.backend.run(['plans'], 'readwrite', async (tx) => {
      const existing = await tx.get('plans', id);
      const plan: ActionPlan = { id, title, createdAt: existing?.createdAt ?? input.createdAt ?? now, updatedAt: now, entries };
      await tx.put('plans', plan);
      return plan;
    });
    this.notify('plan-saved', id);
    return plan;
  }

  /** Deletes a plan. Resolves to false when there was none. */
  async deletePlan(id: string): Promise<boolean> {
    const existed = await this.backend.run(['plans'], 'readwrite', async (tx) => {
      const existing = await tx.get('plans', id);
      await tx.delete('plans', id);
      return existing !== undefined;
    });
    if (existed) this.notify('plan-deleted', id);
    return existed;
  }

  // ── "Not relevant here" ──────────────────────────────────────────────────────────────────────────

  /** Remembers that an item is not relevant in a scope (a course or a site). Giving it again renews the date. */
  async addFeedback(itemKey: string, scope: string): Promise<Feedback> {
    if (typeof itemKey !== 'string' || !itemKey || itemKey.length > 1000) throw new StoreError('invalid', { detail: 'itemKey should be an item key' });
    if (typeof scope !== 'string' || !scope || scope.length > 2000) throw new StoreError('invalid', { detail: 'scope should be a course or site key' });
    const feedback: Feedback = { itemKey, scope, at: this.now().toISOString() };
    await this.backend.run(['feedback'], 'readwrite', (tx) => tx.put('feedback', feedback));
    this.notify('feedback-added', itemKey);
    return feedback;
  }

  /** All feedback, or the feedback for one scope; newest first. */
  async listFeedback(scope?: string): Promise<Feedback[]> {
    const all = await this.backend.run(['feedback'], 'readonly', (tx) => (scope === undefined ? tx.getAll('feedback') : tx.getAll('feedback', { index: 'scope', equals: scope })));
    return all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }

  /** Forgets "not relevant here" for an item in a scope. Resolves to false when there was none. */
  async removeFeedback(itemKey: string, scope: string): Promise<boolean> {
    if (typeof itemKey !== 'string' || typeof scope !== 'string') return false;
    const existed = await this.backend.run(['feedback'], 'readwrite', async (tx) => {
      const existing = await tx.get('feedback', [scope, itemKey]);
      await tx.delete('feedback', [scope, itemKey]);
      return existing !== undefined;
    });
    if (existed) this.notify('feedback-removed', itemKey);
    return existed;
  }

  // ── Feed cache ───────────────────────────────────────────────────────────────────────────────────

  /** The last good copy of a feed. Rejects with a StoreError when storage fails (`feedCache.get` does not). */
  getCachedFeed(url: string): Promise<CachedFeed | undefined> {
    return this.backend.run(['feeds'], 'readonly', (tx) => tx.get('feeds', url));
  }

  /** Keeps a feed's last good copy. Rejects with a StoreError when storage fails (`feedCache.put` does not). */
  async putCachedFeed(entry: CachedFeed): Promise<void> {
    if (!entry || typeof entry.url !== 'string' || typeof entry.body !== 'string' || typeof entry.fetchedAt !== 'string') {
      throw new StoreError('invalid', { detail: 'a cached feed needs url, body and fetchedAt' });
    }
    const record: CachedFeed = { url: entry.url, body: entry.body, fetchedAt: entry.fetchedAt };
    if (typeof entry.contentType === 'string') record.contentType = entry.contentType;
    if (typeof entry.etag === 'string') record.etag = entry.etag;
    if (typeof entry.lastModified === 'string') record.lastModified = entry.lastModified;
    await this.backend.run(['feeds'], 'readwrite', (tx) => tx.put('feeds', record));
    this.notify('feed-cached', entry.url);
  }

  /** Closes the database connection and the channel. The store cannot be used afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    pagePeers.get(this.peerGroup)?.delete(this);
    try {
      this.channel?.close();
    } catch {
      // Already closed.
    }
    this.backend.close();
  }
}

/** How an imported entry changes what is stored: the record and file to write, if any. */
function mergeImported(existing: SavedItem | undefined, entry: ImportEntry): { record?: SavedItem; file?: ImportEntry['file'] } {
  const incoming = entry.record;
  if (!existing) {
    return entry.file ? { record: { ...incoming, file: entry.file.info }, file: entry.file } : { record: incoming };
  }
  const incomingIsNewer = incoming.savedAt > existing.savedAt;
  const base: SavedItem = incomingIsNewer ? { ...incoming } : { ...existing };
  delete base.note;
  delete base.file;
  delete base.fileProblem;
  const note = incomingIsNewer ? mergeNotes(incoming.note, existing.note) : mergeNotes(existing.note, incoming.note);
  if (note) base.note = note;
  let file: ImportEntry['file'];
  if (entry.file && (!existing.file || incomingIsNewer)) {
    file = entry.file;
    base.file = entry.file.info;
  } else if (existing.file) {
    base.file = existing.file;
  } else if (existing.fileProblem) {
    base.fileProblem = existing.fileProblem;
  }
  const changed = file !== undefined || JSON.stringify(base) !== JSON.stringify(existing);
  return changed ? { record: base, ...(file ? { file } : {}) } : {};
}

function globalIndexedDB(): IDBFactory | null {
  try {
    // Reading the property itself throws in some sandboxed frames and with storage blocked.
    return (globalThis as { indexedDB?: IDBFactory }).indexedDB ?? null;
  } catch {
    return null;
  }
}

/**
 * Opens the store. Uses IndexedDB when the browser allows it; otherwise works from memory with
 * `persistent: false` and a `warning` to show. Rejects with a StoreError of reason `blocked` (an older tab
 * holds the database) or `version-too-new` (a newer Kanswijzer wrote it), where falling back to memory
 * would hide what the user saved.
 */
export async function openStore(options: StoreOptions = {}): Promise<KanswijzerStore> {
  const name = options.name ?? DEFAULT_DB_NAME;
  const factory = options.indexedDB === undefined ? globalIndexedDB() : options.indexedDB;
  const inMemory = () =>
    new KanswijzerStore(new MemoryBackend(memoryDatabase(name)), options, { reason: 'unavailable', messages: STORE_ERROR_MESSAGES.unavailable });
  if (!factory) return inMemory();
  try {
    const backend = await IdbBackend.open(factory, name, options.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS);
    return new KanswijzerStore(backend, options);
  } catch (error) {
    const mapped = toStoreError(error, 'open');
    if (mapped.reason === 'unavailable') return inMemory();
    throw mapped;
  }
}

let sharedStore: Promise<KanswijzerStore> | undefined;

/**
 * One store for the whole page (default database and options), opened on first use. Widgets on the same
 * page share it. If opening fails, the next call tries again.
 */
export function defaultStore(): Promise<KanswijzerStore> {
  if (!sharedStore) {
    const opening = openStore();
    sharedStore = opening;
    opening.catch(() => {
      if (sharedStore === opening) sharedStore = undefined;
    });
  }
  return sharedStore;
}
