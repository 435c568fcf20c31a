/** The records the offline store keeps, and the shapes its public functions take and return. */
import type { Item } from '../catalog/types.ts';
import type { StoreError, StoreErrorReason, StoreMessage } from './errors.ts';

/** What is known about a saved resource's file that was stored on this device. */
export interface SavedFileInfo {
  /** Where the file was downloaded from. */
  url: string;
  /** Its media type (`application/pdf`), or `''` when the server did not say. */
  type: string;
  /** Its size in bytes. */
  size: number;
  /** When it was stored (ISO 8601). */
  storedAt: string;
}

/** Why a resource's file was not stored. The item itself is saved regardless. */
export type FileProblemReason =
  /** The request failed: the server does not allow downloads from other sites (CORS), or the network is down. */
  | 'network'
  /** The device is offline. */
  | 'offline'
  /** The server answered with an error status (404, 500, …). */
  | 'http-error'
  /** The file is larger than the size cap. */
  | 'too-large'
  /** The download took longer than the time limit. */
  | 'timeout'
  /** The caller cancelled the download (`SaveOptions.signal`). */
  | 'cancelled'
  /** The address leads to a web page, not a file. */
  | 'not-a-file'
  /** The address is not an http(s) address. */
  | 'unsupported-url'
  /** The file was downloaded but there was no room to store it. */
  | 'storage-full';

export interface FileProblem {
  url: string;
  reason: FileProblemReason;
  /** What happened, in plain English (the UI can use `reason` to show its own words). */
  message: string;
  /** When it was tried (ISO 8601). */
  at: string;
}

/** An item saved for offline use. */
export interface SavedItem {
  /** `${catalogId}:${itemId}`: stable across feed reloads and catalog merges. */
  key: string;
  /** The item as it was when saved. */
  item: Item;
  /** The feed it came from, when known. */
  feedUrl?: string;
  catalogId: string;
  /** When it was saved (ISO 8601, UTC). */
  savedAt: string;
  /** The user's own note. */
  note?: string;
  /** Present when the resource's file is stored on this device (read it with `getFile`). */
  file?: SavedFileInfo;
  /** Present when a file was tried but could not be stored: why. */
  fileProblem?: FileProblem;
}

export interface SaveOptions {
  /** The catalog the item belongs to. Defaults to `item.provenance.catalogId` (set by `mergeCatalogs`). */
  catalogId?: string;
  /** The feed it was loaded from. Defaults to `item.provenance.feedUrl`. */
  feedUrl?: string;
  /** A personal note; when left out, an existing note is kept. */
  note?: string;
  /** Try to download and store the resource's file (default true; only resources have files). */
  fetchFile?: boolean;
  /** Cancels the file download (the item is still saved). */
  signal?: AbortSignal;
}

/** One chosen step of a practice in an action plan, with what the user added. */
export interface PlanStep {
  /** Index into the practice's `steps`. */
  index: number;
  owner?: string;
  /** Due date, `YYYY-MM-DD`. */
  due?: string;
  note?: string;
  done: boolean;
}

/** A practice in an action plan. */
export interface PlanEntry {
  /** The saved-item style key of the practice: `${catalogId}:${itemId}`. */
  itemKey: string;
  /** The practice as it was when added, so the plan can be shown offline. */
  item?: Item;
  steps: PlanStep[];
}

/** An action plan built with `<kw-action-plan>`. */
export interface ActionPlan {
  id: string;
  title: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; set by `putPlan`. */
  updatedAt: string;
  entries: PlanEntry[];
}

/** What `putPlan` accepts: a new plan needs no id or dates. */
export type ActionPlanInput = Omit<ActionPlan, 'id' | 'createdAt' | 'updatedAt'> & Partial<Pick<ActionPlan, 'id' | 'createdAt' | 'updatedAt'>>;

/** "Not relevant here": the user hid an item in a scope. */
export interface Feedback {
  /** The item's key, `${catalogId}:${itemId}`. */
  itemKey: string;
  /** Where it is not relevant: a course key (`course:…`) or a site (`site:…`); the caller chooses the form. */
  scope: string;
  /** When it was given (ISO 8601). */
  at: string;
}

/** What a mutation changed; posted on the BroadcastChannel and emitted as the `change` event's `detail`. */
export type StoreChangeType =
  | 'saved'
  | 'removed'
  | 'note'
  | 'imported'
  | 'plan-saved'
  | 'plan-deleted'
  | 'feedback-added'
  | 'feedback-removed'
  | 'feed-cached';

export interface StoreChange {
  type: StoreChangeType;
  /** The saved item key, plan id, feedback item key or feed URL; absent when many things changed (import). */
  key?: string;
  /** True when the change was made by this store instance, false when it came from another tab or instance. */
  local: boolean;
}

/** One thing that was wrong in an imported file. */
export interface ImportProblem {
  /** Position in the file's `items` list, when the problem is about one entry. */
  index?: number;
  key?: string;
  /** The field concerned, such as `savedAt` or `file.data`. */
  field?: string;
  message: string;
}

export interface ImportResult {
  /** Items that were not saved before. */
  added: number;
  /** Items that were saved before and changed (a newer copy, a note or a file added). */
  updated: number;
  /** Entries that changed nothing or could not be read. */
  skipped: number;
  problems: ImportProblem[];
  /** Set when nothing could be written because storage failed; nothing was changed then. */
  error?: StoreError;
}

export interface ExportOptions {
  /** Include stored files as base64 data (default true). Leaving them out makes the file much smaller. */
  includeFiles?: boolean;
}

/** The JSON export document, format `kanswijzer-saved` version 1. */
export interface SavedExport {
  format: 'kanswijzer-saved';
  version: 1;
  exportedAt: string;
  items: ExportedItem[];
}

export interface ExportedItem extends Omit<SavedItem, 'file' | 'fileProblem'> {
  file?: SavedFileInfo & { /** Base64 of the file's bytes; absent when exported without files. */ data?: string };
}

/** Shown by the UI when the store cannot keep things after the page closes. */
export interface StoreNotice {
  reason: StoreErrorReason;
  messages: StoreMessage;
}

export interface StoreOptions {
  /** Database name (default `kanswijzer`). Tests use their own. */
  name?: string;
  /** The IndexedDB factory (default `globalThis.indexedDB`); `null` works from memory. */
  indexedDB?: IDBFactory | null;
  /** Used to download files (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Largest file stored with a saved resource, in bytes (default 25 MB). */
  maxFileBytes?: number;
  /** Time limit for downloading a file, in milliseconds (default 30 s). */
  fileTimeoutMs?: number;
  /** Time limit for opening the database before working from memory, in milliseconds (default 10 s). */
  openTimeoutMs?: number;
  /** BroadcastChannel name (default `kanswijzer-store`); `false` turns broadcasting off. */
  channelName?: string | false;
  /** The BroadcastChannel constructor (default the global one); `null` acts as if it is missing. */
  BroadcastChannel?: typeof BroadcastChannel | null;
  /** Clock, for tests. */
  now?: () => Date;
}
