/**
 * A small way into the same database without idb or the full store, for pages that only show feeds: read
 * and write the feed cache, and list which items are saved. It opens the database at the current version
 * and runs the same migrations (they only use methods that raw IndexedDB objects have too), so a page that
 * opens the database this way first leaves it exactly as the full store would. Every function resolves;
 * a missing, blocked or failing database reads as "nothing there".
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { DB_VERSION, migrate, type StoreName, type StoreRecords } from './schema.ts';

const OPEN_TIMEOUT_MS = 10_000;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Opens `name` at the current version; undefined when IndexedDB is missing, blocked, too new or slow. */
export function openLightDatabase(name: string, factory: IDBFactory | undefined = globalThis.indexedDB, timeoutMs = OPEN_TIMEOUT_MS): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (db: IDBDatabase | undefined) => {
      if (settled) {
        db?.close();
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(db);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    let open: IDBOpenDBRequest;
    try {
      if (!factory) return done(undefined);
      open = factory.open(name, DB_VERSION);
    } catch {
      return done(undefined);
    }
    open.onupgradeneeded = (event) => {
      try {
        migrate(open.result as unknown as IDBPDatabase<unknown>, open.transaction as unknown as IDBPTransaction<unknown, string[], 'versionchange'>, event.oldVersion);
      } catch {
        open.transaction?.abort();
      }
    };
    open.onsuccess = () => {
      const db = open.result;
      // Never hold up a newer version of Kanswijzer opened in another tab.
      db.onversionchange = () => db.close();
      done(db);
    };
    open.onerror = () => done(undefined);
    open.onblocked = () => done(undefined);
  });
}

export async function lightGet<S extends StoreName>(db: IDBDatabase | undefined, store: S, key: IDBValidKey): Promise<StoreRecords[S] | undefined> {
  if (!db) return undefined;
  try {
    return (await request(db.transaction(store, 'readonly').objectStore(store).get(key))) as StoreRecords[S] | undefined;
  } catch {
    return undefined;
  }
}

export async function lightKeys(db: IDBDatabase | undefined, store: StoreName): Promise<IDBValidKey[]> {
  if (!db) return [];
  try {
    return await request(db.transaction(store, 'readonly').objectStore(store).getAllKeys());
  } catch {
    return [];
  }
}

/** Writes one record; false when it could not be written (no room, no database). */
export async function lightPut<S extends StoreName>(db: IDBDatabase | undefined, store: S, value: StoreRecords[S]): Promise<boolean> {
  if (!db) return false;
  try {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return true;
  } catch {
    return false;
  }
}
