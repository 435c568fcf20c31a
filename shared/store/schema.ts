/**
 * The database layout and how it grew. Each entry of `MIGRATIONS` takes the database from one version to
 * the next; a database at version N runs entries N…end when it opens. To change the layout, add one
 * function at the end, never edit a shipped one, update `CURRENT_SCHEMA`, and freeze a fixture of the
 * version before it (see test/fixtures/idb/README.md).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { CachedFeed } from '../feed/cache-types.ts';
import type { ActionPlan, Feedback, SavedItem } from './types.ts';

export const DEFAULT_DB_NAME = 'kanswijzer';

/** A stored file: kept apart from `saved` so listing saved items never reads file bytes. */
export interface StoredFile {
  key: string;
  blob: Blob;
  url: string;
  type: string;
  size: number;
  storedAt: string;
}

/** The record type of each object store in the current version. */
export interface StoreRecords {
  saved: SavedItem;
  files: StoredFile;
  feeds: CachedFeed;
  plans: ActionPlan;
  feedback: Feedback;
}

export type StoreName = keyof StoreRecords;

export interface KanswijzerDB extends DBSchema {
  saved: { key: string; value: SavedItem; indexes: { savedAt: string } };
  files: { key: string; value: StoredFile };
  feeds: { key: string; value: CachedFeed };
  plans: { key: string; value: ActionPlan; indexes: { updatedAt: string } };
  feedback: { key: [string, string]; value: Feedback; indexes: { scope: string; itemKey: string } };
}

/**
 * One step of the layout. Old versions have other layouts than `KanswijzerDB`, so migrations see an
 * untyped database; they may read and rewrite records through `tx` (requests only, no other awaits).
 */
export type Migration = (db: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>) => void;

/** Version 1: saved items, their files, the feed cache and action plans. */
const createVersion1: Migration = (db) => {
  db.createObjectStore('saved', { keyPath: 'key' });
  db.createObjectStore('files', { keyPath: 'key' });
  db.createObjectStore('feeds', { keyPath: 'url' });
  const plans = db.createObjectStore('plans', { keyPath: 'id' });
  plans.createIndex('updatedAt', 'updatedAt');
};

/** Version 2: saved items listed newest first by index, and "not relevant here" feedback. */
const addSavedAtIndexAndFeedback: Migration = (db, tx) => {
  tx.objectStore('saved').createIndex('savedAt', 'savedAt');
  const feedback = db.createObjectStore('feedback', { keyPath: ['scope', 'itemKey'] });
  feedback.createIndex('scope', 'scope');
  feedback.createIndex('itemKey', 'itemKey');
};

export const MIGRATIONS: readonly Migration[] = [createVersion1, addSavedAtIndexAndFeedback];

/** The version this code writes: one per migration. */
export const DB_VERSION = MIGRATIONS.length;

/** Runs the migrations a database at `oldVersion` has not had yet, up to `newVersion`. */
export function migrate(db: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>, oldVersion: number, newVersion: number = DB_VERSION): void {
  for (let version = oldVersion; version < newVersion; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`No migration from database version ${version}`);
    step(db, tx);
  }
}

/** A description of an object store, used by the memory store and checked against real upgrades in tests. */
export interface StoreLayout {
  keyPath: string | string[];
  indexes: Record<string, string | string[]>;
}

/** The layout the migrations produce; the memory store uses it, and a test proves the two agree. */
export const CURRENT_SCHEMA: Readonly<Record<StoreName, StoreLayout>> = {
  saved: { keyPath: 'key', indexes: { savedAt: 'savedAt' } },
  files: { keyPath: 'key', indexes: {} },
  feeds: { keyPath: 'url', indexes: {} },
  plans: { keyPath: 'id', indexes: { updatedAt: 'updatedAt' } },
  feedback: { keyPath: ['scope', 'itemKey'], indexes: { scope: 'scope', itemKey: 'itemKey' } },
};
