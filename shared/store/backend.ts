/**
 * Where records live: IndexedDB, or memory when the browser offers no IndexedDB. Both run work in
 * all-or-nothing transactions, so a failed write leaves what was there before.
 */
import { wrap } from 'idb';
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { StoreError, toStoreError } from './errors.ts';
import { CURRENT_SCHEMA, DB_VERSION, migrate } from './schema.ts';
import type { KanswijzerDB, StoreName, StoreRecords } from './schema.ts';

export interface IndexQuery {
  /** Index name, such as `savedAt`. */
  index: string;
  /** Only records whose index value equals this. */
  equals?: IDBValidKey;
  /** `prev` returns the highest index values first. */
  direction?: 'next' | 'prev';
}

/** What work inside a transaction may do. Await only these calls inside `run`, nothing else. */
export interface TxScope {
  get<S extends StoreName>(store: S, key: IDBValidKey): Promise<StoreRecords[S] | undefined>;
  getAll<S extends StoreName>(store: S, query?: IndexQuery): Promise<StoreRecords[S][]>;
  put<S extends StoreName>(store: S, value: StoreRecords[S]): Promise<void>;
  delete(store: StoreName, key: IDBValidKey): Promise<void>;
}

export interface Backend {
  readonly persistent: boolean;
  /** Runs `work` in one transaction over `stores`; if anything fails, nothing it wrote is kept. */
  run<T>(stores: StoreName[], mode: IDBTransactionMode, work: (tx: TxScope) => Promise<T>): Promise<T>;
  close(): void;
}

function nameOf(error: unknown): string | undefined {
  return error && typeof error === 'object' && typeof (error as { name?: unknown }).name === 'string' ? (error as { name: string }).name : undefined;
}

/**
 * Opens (and if needed upgrades) the database with the raw API, so any IDBFactory can be passed in.
 * `blocked` rejects at once with reason `blocked`; if the open later succeeds anyway, that connection
 * is closed again. Every connection closes itself when a newer version wants to upgrade, so this code
 * never blocks a newer tab.
 */
export function openDatabase(factory: IDBFactory, name: string, options: { timeoutMs: number; onLost: (db: IDBDatabase) => void }): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      action();
    };
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (error) {
      reject(toStoreError(error, 'open'));
      return;
    }
    if (options.timeoutMs > 0) {
      timer = setTimeout(() => settle(() => reject(new StoreError('unavailable', { detail: 'opening the database took too long' }))), options.timeoutMs);
    }
    let upgradeError: unknown;
    request.onupgradeneeded = (event) => {
      const tx = request.transaction;
      if (!tx) return;
      try {
        migrate(wrap(request.result) as IDBPDatabase<unknown>, wrap(tx) as unknown as IDBPTransaction<unknown, string[], 'versionchange'>, event.oldVersion, DB_VERSION);
      } catch (error) {
        upgradeError = error;
        tx.abort();
      }
    };
    request.onblocked = () => settle(() => reject(new StoreError('blocked')));
    request.onerror = (event) => {
      // Handled here; without this some browsers also report it as an uncaught error.
      event.preventDefault();
      settle(() => reject(toStoreError(upgradeError ?? request.error, 'open')));
    };
    request.onsuccess = () => {
      const db = request.result;
      if (settled) {
        db.close();
        return;
      }
      db.onversionchange = () => {
        db.close();
        options.onLost(db);
      };
      db.onclose = () => options.onLost(db);
      settle(() => resolve(db));
    };
  });
}

type AnyStore = { get(k: IDBValidKey): Promise<unknown>; getAll(): Promise<unknown[]>; put(v: unknown): Promise<unknown>; delete(k: IDBValidKey): Promise<void>; index(n: string): { getAll(q?: IDBValidKey): Promise<unknown[]> } };

/** IndexedDB through idb. Reopens lazily when the connection was closed for a newer tab or by the browser. */
export class IdbBackend implements Backend {
  readonly persistent = true;
  private connection: Promise<IDBPDatabase<KanswijzerDB>> | undefined;
  /** The raw connection behind `connection`, to tell which one was lost. */
  private current: IDBDatabase | undefined;
  private closed = false;

  private constructor(
    private readonly factory: IDBFactory,
    private readonly name: string,
    private readonly timeoutMs: number,
  ) {}

  /** Opens the database; rejects with a StoreError when it cannot. */
  static async open(factory: IDBFactory, name: string, timeoutMs: number): Promise<IdbBackend> {
    const backend = new IdbBackend(factory, name, timeoutMs);
    await backend.database();
    return backend;
  }

  private database(): Promise<IDBPDatabase<KanswijzerDB>> {
    if (this.closed) return Promise.reject(new StoreError('unknown', { detail: 'the store was closed' }));
    if (!this.connection) {
      const opening = openDatabase(this.factory, this.name, {
        timeoutMs: this.timeoutMs,
        onLost: (db) => {
          if (this.current === db) {
            this.connection = undefined;
            this.current = undefined;
          }
        },
      }).then((db) => {
        this.current = db;
        return wrap(db) as unknown as IDBPDatabase<KanswijzerDB>;
      });
      this.connection = opening;
      opening.catch(() => {
        if (this.connection === opening) this.connection = undefined;
      });
    }
    return this.connection;
  }

  async run<T>(stores: StoreName[], mode: IDBTransactionMode, work: (tx: TxScope) => Promise<T>, retried = false): Promise<T> {
    const db = await this.database();
    let tx: IDBPTransaction<KanswijzerDB, StoreName[], IDBTransactionMode>;
    try {
      tx = db.transaction(stores, mode);
    } catch (error) {
      // The connection was closed between calls (a newer tab upgraded, or the browser closed it): reopen once.
      if (nameOf(error) === 'InvalidStateError' && !retried) {
        this.connection = undefined;
        return this.run(stores, mode, work, true);
      }
      throw toStoreError(error);
    }
    const done = tx.done;
    done.catch(() => undefined);
    const objectStore = (store: StoreName) => tx.objectStore(store) as unknown as AnyStore;
    const scope: TxScope = {
      get: async (store, key) => (await objectStore(store).get(key)) as never,
      getAll: async (store, query) => {
        if (!query) return (await objectStore(store).getAll()) as never;
        const rows = await objectStore(store).index(query.index).getAll(query.equals);
        return (query.direction === 'prev' ? rows.reverse() : rows) as never;
      },
      put: async (store, value) => {
        await objectStore(store).put(value);
      },
      delete: async (store, key) => {
        await objectStore(store).delete(key);
      },
    };
    try {
      const result = await work(scope);
      await done;
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
      // A quota failure often shows up as the transaction's error while the request says only "AbortError".
      const txError = (() => {
        try {
          return tx.error;
        } catch {
          return null;
        }
      })();
      const mapped = toStoreError(error);
      throw mapped.reason === 'unknown' && txError ? toStoreError(txError) : mapped;
    }
  }

  close(): void {
    this.closed = true;
    this.current?.close();
    this.current = undefined;
    this.connection = undefined;
  }
}

type Row = { key: IDBValidKey; value: unknown };
type Table = Map<string, Row>;

/** A database kept in memory; shared by every store of the same name in this page so they agree. */
export class MemoryDatabase {
  readonly tables = new Map<StoreName, Table>();
  /** Transactions run one at a time, as overlapping IndexedDB read-write transactions do. */
  queue: Promise<void> = Promise.resolve();

  constructor() {
    for (const store of Object.keys(CURRENT_SCHEMA) as StoreName[]) this.tables.set(store, new Map());
  }
}

const memoryDatabases = new Map<string, MemoryDatabase>();

/** The memory database for `name` in this page. */
export function memoryDatabase(name: string): MemoryDatabase {
  let db = memoryDatabases.get(name);
  if (!db) {
    db = new MemoryDatabase();
    memoryDatabases.set(name, db);
  }
  return db;
}

function keyAt(value: unknown, path: string | string[]): IDBValidKey {
  const read = (p: string): unknown => (value && typeof value === 'object' ? (value as Record<string, unknown>)[p] : undefined);
  const key = Array.isArray(path) ? path.map(read) : read(path);
  if (!isValidKey(key)) throw new DOMException('The record has no valid key.', 'DataError');
  return key;
}

function isValidKey(key: unknown): key is IDBValidKey {
  if (typeof key === 'string') return true;
  if (typeof key === 'number') return !Number.isNaN(key);
  if (Array.isArray(key)) return key.every(isValidKey);
  return false;
}

/** IndexedDB key order for the key kinds used here: numbers < strings < arrays. */
export function compareKeys(a: IDBValidKey, b: IDBValidKey): number {
  const rank = (k: IDBValidKey) => (typeof k === 'number' ? 0 : typeof k === 'string' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareKeys(a[i] as IDBValidKey, b[i] as IDBValidKey);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The memory store: same transactions semantics (copy, work, commit), values cloned like IndexedDB does. */
export class MemoryBackend implements Backend {
  readonly persistent = false;

  constructor(private readonly db: MemoryDatabase) {}

  run<T>(stores: StoreName[], mode: IDBTransactionMode, work: (tx: TxScope) => Promise<T>): Promise<T> {
    const result = this.db.queue.then(() => this.runNow(stores, mode, work));
    this.db.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result.catch((error: unknown) => Promise.reject(toStoreError(error)));
  }

  private async runNow<T>(stores: StoreName[], mode: IDBTransactionMode, work: (tx: TxScope) => Promise<T>): Promise<T> {
    const working = new Map<StoreName, Table>();
    for (const store of stores) {
      const table = this.db.tables.get(store);
      if (!table) throw new DOMException(`No object store ${store}.`, 'NotFoundError');
      working.set(store, mode === 'readonly' ? table : new Map(table));
    }
    const table = (store: StoreName, writing: boolean): Table => {
      const t = working.get(store);
      if (!t) throw new DOMException(`${store} is not part of this transaction.`, 'NotFoundError');
      if (writing && mode === 'readonly') throw new DOMException('The transaction is read-only.', 'ReadOnlyError');
      return t;
    };
    const scope: TxScope = {
      get: async (store, key) => {
        const row = table(store, false).get(JSON.stringify(key));
        return row ? (structuredClone(row.value) as never) : undefined;
      },
      getAll: async (store, query) => {
        const rows = [...table(store, false).values()];
        if (!query) return rows.sort((a, b) => compareKeys(a.key, b.key)).map((r) => structuredClone(r.value)) as never;
        const path = CURRENT_SCHEMA[store].indexes[query.index];
        if (path === undefined) throw new DOMException(`No index ${query.index} on ${store}.`, 'NotFoundError');
        const indexed: Array<{ indexKey: IDBValidKey; row: Row }> = [];
        for (const row of rows) {
          let indexKey: IDBValidKey;
          try {
            indexKey = keyAt(row.value, path);
          } catch {
            continue; // IndexedDB leaves records without a valid index value out of the index.
          }
          if (query.equals !== undefined && compareKeys(indexKey, query.equals) !== 0) continue;
          indexed.push({ indexKey, row });
        }
        indexed.sort((a, b) => compareKeys(a.indexKey, b.indexKey) || compareKeys(a.row.key, b.row.key));
        if (query.direction === 'prev') indexed.reverse();
        return indexed.map((entry) => structuredClone(entry.row.value)) as never;
      },
      put: async (store, value) => {
        const t = table(store, true);
        const key = keyAt(value, CURRENT_SCHEMA[store].keyPath);
        t.set(JSON.stringify(key), { key, value: structuredClone(value) });
      },
      delete: async (store, key) => {
        table(store, true).delete(JSON.stringify(key));
      },
    };
    const result = await work(scope);
    if (mode !== 'readonly') for (const [store, t] of working) this.db.tables.set(store, t);
    return result;
  }

  close(): void {
    // Memory is shared by the page; it goes when the page goes.
  }
}
